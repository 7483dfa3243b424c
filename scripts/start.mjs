// `npm start` (through scripts/run.mjs): builds what is needed and starts the server with the demo loaded. Runs
// under the project's own Node 24 (pnpm puts node_modules/.bin first on PATH), so the machine's older Node never runs
// project code.
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"

const fail = (sentence) => {
  console.error(`baken: ${sentence}`)
  process.exit(1)
}

const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  fail(
    `Node ${process.versions.node} is running, but Baken needs Node >= 22.18; start it with "npm start" so the project's own Node 24 is used.`,
  )
}

const build = spawnSync("turbo", ["run", "build", "--output-logs=errors-only"], { stdio: "inherit" })
if (build.status !== 0)
  fail("the build failed (see the lines above); fix it, or run `npm test` to see which package breaks.")

const cli = new URL("../apps/server/dist/cli.js", import.meta.url)
if (!existsSync(cli))
  fail("the build did not produce apps/server/dist/cli.js; run `npm test` to see which package breaks.")
const serve = spawnSync(process.execPath, [cli.pathname, "serve", "--demo", ...process.argv.slice(2)], {
  stdio: "inherit",
})
process.exit(serve.status ?? 1)
