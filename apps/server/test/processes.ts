// Starting the built `baken` CLI as a child process, for tests that need a real server or command.
import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"

/** The built CLI. */
export const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url))

/** A running `baken serve`. */
export interface ServerProcess {
  readonly url: string
  readonly token: string | undefined
  readonly child: ChildProcess
  readonly output: () => string
  /** Sends SIGTERM and resolves with the exit code. */
  readonly stop: () => Promise<number | null>
}

/** Starts `baken serve --json [args]` with `env` and waits until it prints where it runs. */
export const startServer = (args: ReadonlyArray<string>, env: Record<string, string>): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "--json", "serve", ...args], {
      env: { ...process.env, PORT: "0", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let out = ""
    let err = ""
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)))
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString()
    })
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString()
      const line = out.split("\n").find((l) => l.startsWith('{"url"'))
      if (line !== undefined) {
        const { url, token } = JSON.parse(line) as { url: string; token?: string }
        resolve({
          url,
          token,
          child,
          output: () => out + err,
          stop: () => {
            child.kill("SIGTERM")
            return exited
          },
        })
      }
    })
    child.once("exit", (code) => reject(new Error(`baken serve exited with ${code}: ${err}`)))
  })

/** Runs `baken <args>` to its end. */
export const runCli = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, encoding: "utf8" })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Makes a token with `baken token create` (e.g. `["--audience", "partner", "--partner", id]`); returns its secret. */
export const createToken = (audience: ReadonlyArray<string>, env: Record<string, string>, label = "TEST"): string => {
  const made = runCli(["--json", "token", "create", ...audience, "--label", label, "--days", "1"], env)
  if (made.status !== 0) throw new Error(`baken token create failed: ${made.stderr}`)
  return (JSON.parse(made.stdout) as { secret: string }).secret
}

/**
 * Runs `baken <args>` to its end without blocking this process: a test that keeps connections to a server open must
 * go on reading them (a blocked event loop misses the server closing an idle connection, and reuses it afterwards).
 */
export const runCliAsync = (
  args: ReadonlyArray<string>,
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } })
    let stdout = ""
    let stderr = ""
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString()
    })
    child.once("close", (status) => resolve({ status, stdout, stderr }))
  })
