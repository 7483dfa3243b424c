// The two quick-start commands, `npm start` and `npm test`, land here. Under the machine's npm (any Node >= 18) this
// script provisions the project's own pnpm and Node 24 from the npm registry, then hands over to pnpm; under pnpm
// it runs the task itself. A failure to reach the registry or to install stops with one sentence, not a trace.
// Keep this file plain JavaScript that Node 18 understands: it runs before the project's toolchain exists.
import { spawnSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const PNPM = "pnpm@12.21.0"
const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const task = process.argv[2]
const rest = process.argv.slice(3)

const stop = (sentence) => {
  console.error(`\nbaken: ${sentence}`)
  process.exit(1)
}

const underPnpm = (process.env.npm_config_user_agent ?? "").startsWith("pnpm/")

if (!underPnpm) {
  // npm exports its own settings to scripts; pnpm would read them as its own, so pass on only what a person set.
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" }
  for (const key of Object.keys(env)) {
    if (/^npm_(lifecycle_|package_|command$|execpath$|node_execpath$)/.test(key)) delete env[key]
    if (
      /^npm_config_(user_agent|local_prefix|global_prefix|prefix|globalconfig|userconfig|node_gyp|init_module|npm_version|cache)$/.test(
        key,
      )
    )
      delete env[key]
  }
  const npx = process.platform === "win32" ? "npx.cmd" : "npx"
  const logDir = join(root, "node_modules", ".baken")
  const logFile = join(logDir, "install.log")

  const ping = spawnSync("npm", ["ping", "--loglevel=error", "--fetch-retries=0", "--fetch-timeout=20000"], {
    env,
    encoding: "utf8",
    timeout: 60_000,
  })
  if (ping.status !== 0) {
    const registry = spawnSync("npm", ["config", "get", "registry"], { env, encoding: "utf8" }).stdout?.trim()
    stop(
      `cannot reach the npm registry (${registry || "unknown"}) to install pnpm and Node 24: check the network or set npm_config_registry to a reachable mirror, then run the command again.`,
    )
  }

  console.error(`baken: installing ${PNPM}, Node 24 and the dependencies (the first run takes a minute or two)…`)
  const install = spawnSync(npx, ["-y", PNPM, "install", "--frozen-lockfile"], { cwd: root, env, encoding: "utf8" })
  if (install.status !== 0) {
    mkdirSync(logDir, { recursive: true })
    writeFileSync(logFile, `${install.stdout ?? ""}\n${install.stderr ?? ""}\n${install.error ?? ""}\n`)
    stop(
      `installing the dependencies failed; the details are in ${logFile} — check network access to the npm registry and free disk space, then run the command again.`,
    )
  }

  const run = spawnSync(npx, ["-y", PNPM, "run", task, ...rest], { cwd: root, env, stdio: "inherit" })
  process.exit(run.status ?? 1)
}

const inherit = (cmd, args) => {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  })
  process.exit(r.status ?? 1)
}

switch (task) {
  case "test":
    inherit("turbo", ["run", "build", "typecheck", "lint", "test", ...rest])
    break
  case "start":
    inherit(process.execPath, [join(root, "scripts", "start.mjs"), ...rest])
    break
  default:
    stop(`unknown task "${task}"; use "npm start" or "npm test".`)
}
