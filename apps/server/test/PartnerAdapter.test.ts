// Issue 17: a partner developer's path from the packed tarballs and the kit's README alone. Outside the monorepo, the
// developer scaffolds an adapter with `baken adapter new`, installs the packed kit and domain next to the current
// effect, vitest and fast-check (one copy of effect), runs the packed kit's conformance suite on it, builds it, and
// runs it with `baken ingest --adapter-module`: locally, and with `--push` against a real `baken serve`, which stores
// it once the region has assigned the adapter to the partner. The same tarballs also fit an app on effect 4.0.6.
import { execFileSync, spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { packTarballs } from "@baken/vitest-config/pack"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createToken, runCli, runCliAsync, type ServerProcess, startServer } from "./processes.js"

const kitDir = fileURLToPath(new URL("../../../packages/adapter-kit", import.meta.url))
const serverDir = fileURLToPath(new URL("..", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "baken-partner-adapter-"))
const project = join(dir, "huurachterstand")
const env = { BAKEN_DATA_DIR: join(dir, "data"), BAKEN_SPOOL_DIR: join(dir, "spool") }
const partnerEnv = { BAKEN_KNOWN_KEYS: join(dir, "known-keys.json"), BAKEN_PSEUDONYM_SECRET: "" }
const partner = "demo-woningcorporatie"
const events = join(project, "test", "fixtures", "events.csv")

const sh = (command: string, args: ReadonlyArray<string>, cwd: string) => {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: process.env })
  return { status: result.status, out: `${result.stdout}${result.stderr}`, stdout: result.stdout }
}
const npmInstall = (cwd: string, specs: ReadonlyArray<string>) =>
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  })

/** Every installed copy of effect under `cwd` as `npm ls` sees it: its versions and where it resolves to. */
const effectCopies = (cwd: string): ReadonlyArray<string> => {
  const tree = JSON.parse(
    execFileSync("npm", ["ls", "effect", "--all", "--json", "--long"], { cwd, encoding: "utf8" }),
  ) as { dependencies?: Record<string, Node> }
  interface Node {
    readonly version?: string
    readonly path?: string
    readonly dependencies?: Record<string, Node>
  }
  const found = new Set<string>()
  const visit = (deps: Record<string, Node> | undefined) => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      if (name === "effect" && node.path !== undefined) found.add(`${node.version} ${realpathSync(node.path)}`)
      visit(node.dependencies)
    }
  }
  visit(tree.dependencies)
  return [...found]
}

let tarballs: ReadonlyArray<string> = []
let server: ServerProcess | undefined

beforeAll(() => {
  tarballs = packTarballs([kitDir])
}, 300_000)

afterAll(async () => {
  if (server !== undefined && server.child.exitCode === null) await server.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe("a partner's own adapter, made outside the monorepo from the packed tarballs", () => {
  it("is scaffolded by baken adapter new with the adapter, its conformance test, fixtures and a manifest", () => {
    const made = runCli(["adapter", "new", "huurachterstand", "--dir", project])
    expect(made.stderr).toBe("")
    expect(made.status).toBe(0)
    expect(made.stdout).toContain("Adapter huurachterstand aangemaakt")
    const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"))
    expect(manifest.peerDependencies).toEqual({ effect: "^4.0.0" })
    expect(manifest.devDependencies).toMatchObject({ effect: "^4.0.0", vitest: "^5.0.0", "fast-check": "^4.0.0" })
    expect(runCli(["adapter", "new", "huurachterstand", "--dir", project]).status).toBe(1)
  })

  it("installs next to the current effect, vitest and fast-check with one copy of effect", () => {
    npmInstall(project, [...tarballs, "effect@latest", "vitest@latest", "fast-check@latest"])
    const copies = effectCopies(project)
    expect(copies).toHaveLength(1)
    expect(copies[0]).toContain(realpathSync(join(project, "node_modules", "effect")))
  }, 300_000)

  it("passes its conformance test with the packed kit's suite, typechecks and builds", () => {
    const test = sh(
      process.execPath,
      [join(project, "node_modules/vitest/vitest.mjs"), "run", "--reporter=verbose"],
      project,
    )
    expect(test.out).toContain("adapter huurachterstand conformance")
    expect(test.status, test.out).toBe(0)
    const typecheck = sh("npm", ["run", "typecheck"], project)
    expect(typecheck.status, typecheck.out).toBe(0)
    const build = sh("npm", ["run", "build"], project)
    expect(build.status, build.out).toBe(0)
  }, 300_000)

  it("runs the kit's conformance suite from a CommonJS test file that requires ./testing", () => {
    mkdirSync(join(project, "cjs"))
    writeFileSync(join(project, "cjs", "package.json"), JSON.stringify({ type: "commonjs" }))
    writeFileSync(
      join(project, "cjs", "template.test.cjs"),
      `const { Template } = require("@baken/adapter-kit")
const { adapterConformance } = require("@baken/adapter-kit/testing")
const bytes = (text) => new TextEncoder().encode(text)
const row = "999900006,support-started,2024-03-01,GM0402"
adapterConformance(Template.adapter, {
  fixtures: {
    valid: [{ name: "events.csv", bytes: bytes(Template.header + "\\n" + row + "\\n") }],
    invalid: [{ name: "bad.csv", bytes: bytes("bsn;event\\n") }],
    streaming: { name: "many.csv", bytes: bytes([Template.header, ...Array(3000).fill(row)].join("\\n")) },
    withPersonalData: (c) => ({
      name: "canary.csv",
      bytes: bytes([
        Template.header,
        c.bsn + ",support-started,2024-03-01,GM0402",
        c.bsnWithDots + ",support-started,2024-03-01,GM0402",
        c.bsn + "," + c.fullName + ",2024-03-01,GM0402",
        c.bsn + ",support-started," + c.birthDateDutch + ",GM0402",
        c.bsn + ",support-started,2024-03-01," + c.street + " " + c.houseNumber,
      ].join("\\n")),
      accepted: 1,
      rejected: [3, 4, 5, 6].map((line) => ({ line })),
    }),
  },
})
`,
    )
    const test = sh(
      process.execPath,
      [join(project, "node_modules/vitest/vitest.mjs"), "run", "--reporter=verbose", "cjs/"],
      project,
    )
    expect(test.out).toContain("adapter template-csv conformance")
    expect(test.status, test.out).toBe(0)
  }, 300_000)

  it("runs with baken ingest --adapter-module, printing the summary as for a built-in adapter", () => {
    const bad = join(project, "test", "fixtures", "bad-date.csv")
    const result = runCli(["ingest", "--adapter-module", join(project, "dist", "adapter.js"), events, bad])
    expect(result.stderr).toBe("")
    expect(result.status).toBe(0)
    expect(result.stdout.trim().split("\n")).toEqual([
      `${events}: 2 geaccepteerd, 0 afgewezen`,
      `${bad}: 0 geaccepteerd, 1 afgewezen`,
      "bad-date.csv:2:1 date — De datum moet een bestaande dag zijn, zoals 2024-03-01.",
    ])
  })

  it("scaffolds the same project with the kit's own bin, baken-adapter new, as the kit's README says", () => {
    const made = sh("npx", ["--no-install", "baken-adapter", "new", "wachtlijst", join(dir, "wachtlijst")], project)
    expect(made.status, made.out).toBe(0)
    expect(made.out).toContain("Adapter wachtlijst aangemaakt")
    expect(readFileSync(join(dir, "wachtlijst", "src", "adapter.ts"), "utf8")).toContain('id: "wachtlijst"')
  })

  it("runs with the packed Baken CLI installed next to it: npx baken ingest --adapter-module", () => {
    npmInstall(project, packTarballs([serverDir]))
    const result = sh(
      "npx",
      ["--no-install", "baken", "ingest", "--adapter-module", "./dist/adapter.js", events],
      project,
    )
    expect(result.status, result.out).toBe(0)
    expect(result.stdout.trim()).toBe(`${events}: 2 geaccepteerd, 0 afgewezen`)
    expect(effectCopies(project)).toHaveLength(1)
  }, 300_000)

  it("names what is wrong with a module that holds no adapter", () => {
    const empty = join(dir, "empty.mjs")
    writeFileSync(empty, "export const nothing = 1\n")
    const result = runCli(["ingest", "--adapter-module", empty, events])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain("exports no adapter")
  })

  it("pushes with --push to a real baken serve, which stores it once the region assigned the adapter", async () => {
    expect(runCli(["demo"], env).status).toBe(0)
    const token = createToken(["--audience", "partner", "--partner", partner], env, "partner adapter test")
    const region = createToken(["--audience", "region"], env, "partner adapter test")
    server = await startServer([], env)
    const push = () =>
      runCliAsync(
        [
          "--json",
          "ingest",
          "--adapter-module",
          join(project, "dist", "adapter.js"),
          "--push",
          (server as ServerProcess).url,
          "--token",
          token,
          events,
        ],
        partnerEnv,
      )

    // The server does not run this adapter, and the region has not assigned it: refused before a byte is read.
    const refused = await push()
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain("levert niet via adapter huurachterstand")

    const rights = await fetch(`${server.url}/trpc/partner.setRights`, {
      method: "POST",
      headers: { authorization: `Bearer ${region}`, "content-type": "application/json" },
      body: JSON.stringify({ partner, adapters: ["woningcorporatie", "huurachterstand"], indicators: [] }),
    })
    expect(rights.status).toBe(200)
    const pushed = await push()
    expect(pushed.stderr).toBe("")
    expect(pushed.status).toBe(0)
    const [result] = JSON.parse(pushed.stdout) as Array<{
      summary: { accepted: Record<string, number> }
      stored: { status: string; adapter: string; progress: { accepted: number; rejected: number } }
    }>
    expect(result?.stored).toMatchObject({ status: "stored", adapter: "huurachterstand" })
    expect(result?.stored.progress).toMatchObject({ accepted: 2, rejected: 0 })
    // The store's summary of the delivery counts person events as one kind.
    expect(result?.summary.accepted).toEqual({ "person-event": 2 })
    expect(pushed.stdout).not.toContain("999900006")
  }, 300_000)
})

describe("the packed @baken packages in an app on effect 4.0.6", () => {
  it("install without a second copy of effect, and the template adapter typechecks against them", () => {
    const app = join(dir, "app-effect-4.0.6")
    mkdirSync(join(app, "src"), { recursive: true })
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }))
    npmInstall(app, [...tarballs, "effect@4.0.6", "typescript@^6", "@types/node@^24"])
    expect(effectCopies(app)).toEqual([`4.0.6 ${realpathSync(join(app, "node_modules", "effect"))}`])
    writeFileSync(join(app, "src", "adapter.ts"), readFileSync(join(project, "src", "adapter.ts"), "utf8"))
    writeFileSync(join(app, "tsconfig.json"), readFileSync(join(project, "tsconfig.json"), "utf8"))
    const typecheck = sh(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], app)
    expect(typecheck.status, typecheck.out).toBe(0)
  }, 300_000)
})
