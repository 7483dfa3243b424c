import { bakenVitest } from "@baken/vitest-config"
import { defineConfig } from "vitest/config"

export default defineConfig(bakenVitest())
