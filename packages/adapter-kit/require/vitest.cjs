// Vitest is ESM only: its `require` entry throws on purpose. Node 24 can `require` an ES module, so the kit's
// CommonJS `./testing` loads vitest's ESM entry by its path — the same module a test file's `import "vitest"` gets,
// so the suite's tests register with the running vitest.
const { readFileSync } = require("node:fs")
const { dirname, join } = require("node:path")

const manifestPath = require.resolve("vitest/package.json")
const entry = JSON.parse(readFileSync(manifestPath, "utf8")).exports["."].import
module.exports = require(join(dirname(manifestPath), typeof entry === "string" ? entry : entry.default))
