// Vitest global setup: probes the test PostgreSQL server once per run. Unreachable outside CI, it prints the one
// line saying the PostgreSQL half is skipped and why, and tells the test files through the environment; in CI
// (CI=true) an unreachable server fails the run, because CI must run both halves.
import { createConnection } from "node:net"

/** The test server's URL; override with BAKEN_TEST_DATABASE_URL. */
export const postgresUrl = process.env.BAKEN_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"

/** Resolves to undefined when the server accepts a connection, or to why it does not. */
export const probe = (url: string): Promise<string | undefined> => {
  const u = new URL(url)
  return new Promise((resolve) => {
    const socket = createConnection({ host: u.hostname, port: Number(u.port || 5432) })
    socket.setTimeout(2_000)
    socket.once("connect", () => {
      socket.destroy()
      resolve(undefined)
    })
    socket.once("timeout", () => {
      socket.destroy()
      resolve("connection timed out")
    })
    socket.once("error", (e) => resolve(e.message))
  })
}

export default async function setup(): Promise<void> {
  const unreachable = await probe(postgresUrl)
  if (unreachable === undefined) return
  if (process.env.CI === "true") {
    throw new Error(`CI must run the PostgreSQL half, but ${postgresUrl} is unreachable: ${unreachable}`)
  }
  const reason = `PostgreSQL half skipped: ${postgresUrl} unreachable (${unreachable}); start a server or set BAKEN_TEST_DATABASE_URL`
  console.warn(reason)
  process.env.BAKEN_POSTGRES_SKIP_REASON = reason
}
