// Lets `expect(a).toEqual(b)` compare effect data types (Option, Data, Schema classes) structurally, and fixes
// fast-check's seed where a run must be reproducible.
import { addEqualityTesters } from "@effect/vitest"
import * as fc from "fast-check"

addEqualityTesters()

// Property tests explore new random inputs on every local run (that is how they find bugs); CI replays one fixed
// seed so a submission is judged on the same inputs every time. `FC_SEED=<n>` reproduces any run, including a
// failure that fast-check reported with its seed.
const seed = process.env.FC_SEED ?? (process.env.CI ? "20261122" : undefined)
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) })
