// Vitest global set-up for browser tests: makes sure Debian's Chromium is at /usr/bin/chromium (installing it with
// apt-get when running as root, as CI does), and otherwise tells the browser tests to skip with one line saying why —
// except under CI=true, where a missing browser is a failure. Playwright never downloads a browser of its own.
import { execSync } from "node:child_process"
import { existsSync } from "node:fs"
import { basename } from "node:path"

const path = process.env.BAKEN_CHROMIUM ?? "/usr/bin/chromium"

const tryInstall = (who) => {
  if (process.getuid?.() !== 0) return "not running as root, so apt-get cannot install it"
  if (!existsSync("/usr/bin/apt-get")) return "apt-get is not available on this machine"
  try {
    console.log(`${who}: Chromium is missing; installing it with apt-get (Debian's chromium package)…`)
    execSync("apt-get update && apt-get install -y --no-install-recommends chromium", {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    })
    return existsSync(path) ? null : `apt-get finished but ${path} is still missing`
  } catch (e) {
    return `apt-get install chromium failed (${String(e.message).split("\n")[0]})`
  }
}

/** @param {import("vitest/node").TestProject} project */
export default function setup(project) {
  const who = `baken/${basename(project.config.root)}`
  const problem = existsSync(path) ? null : tryInstall(who)
  if (problem === null) {
    project.provide("chromium", path)
    project.provide("chromiumSkipReason", "")
    return
  }
  const reason = `browser tests skipped: Chromium is not at ${path} and ${problem}.`
  if (process.env.CI === "true") throw new Error(`${who}: ${reason} CI must run them.`)
  console.warn(`${who}: ${reason}`)
  project.provide("chromium", null)
  project.provide("chromiumSkipReason", reason)
}
