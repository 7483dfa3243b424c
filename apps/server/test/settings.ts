// What the server's tests share: the app's settings for `App.make`, and the test PostgreSQL server with a schema of
// a test file's own. Without a reachable server a file using it is skipped with one line saying why, except in CI
// (CI=true), where an unreachable server fails the run.
import { spawnSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { createConnection } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** The app's settings in tests: small limits, generous rates; override what a test is about. */
export const appConfig = (
  overrides: Partial<{
    bodyLimit: number
    uploadLimit: number
    publicRateLimit: number
    tokenRateLimit: number
    answerCacheSeconds: number
  }> = {},
) => ({
  corsOrigins: [] as ReadonlyArray<string>,
  bodyLimit: 4096,
  uploadLimit: 8192,
  deliveryLimit: 64 * 1024 * 1024,
  spoolDir: join(tmpdir(), "baken-test-spool"),
  publicRateLimit: 1000,
  tokenRateLimit: 1000,
  dashboardCacheSeconds: 30,
  answerCacheSeconds: 5,
  trustProxy: true,
  ...overrides,
})

/** The test PostgreSQL server's URL; override with BAKEN_TEST_DATABASE_URL. */
export const postgresUrl = process.env.BAKEN_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"

const unreachable = (url: string) =>
  new Promise<string | undefined>((resolve) => {
    const u = new URL(url)
    const socket = createConnection({ host: u.hostname, port: Number(u.port || 5432) })
    socket.setTimeout(2000)
    socket.once("connect", () => {
      socket.end()
      resolve(undefined)
    })
    socket.once("timeout", () => {
      socket.destroy()
      resolve("timed out")
    })
    socket.once("error", (e) => resolve(e.message))
  })

/**
 * A schema of its own on the test PostgreSQL server for `what` (e.g. "the two-server test"): the environment that
 * points `baken` at it, why it is skipped (undefined when it runs), and `drop` for the end.
 */
export const postgresSchema = async (label: string, what: string) => {
  const schema = `baken_${label}_${randomBytes(4).toString("hex")}`
  const reason = await unreachable(postgresUrl)
  if (reason !== undefined && process.env.CI === "true") {
    throw new Error(`CI must run ${what}, but ${postgresUrl} is unreachable: ${reason}`)
  }
  const skip =
    reason === undefined ? undefined : `PostgreSQL unreachable at ${postgresUrl} (${reason}); ${what} skipped`
  if (skip !== undefined) console.log(skip)
  return {
    env: { DATABASE_URL: postgresUrl, BAKEN_DB_SCHEMA: schema },
    skip,
    drop: () => {
      if (skip === undefined) spawnSync("psql", [postgresUrl, "-c", `DROP SCHEMA IF EXISTS ${schema} CASCADE`])
    },
  }
}
