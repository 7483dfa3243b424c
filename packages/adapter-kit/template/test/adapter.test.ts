import { adapterConformance } from "@baken/adapter-kit/testing"
import { adapter } from "../src/adapter.js"
import { fixtures } from "./fixtures.js"

adapterConformance(adapter, { fixtures })
