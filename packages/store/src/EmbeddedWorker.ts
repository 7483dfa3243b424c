/**
 * The embedded database's thread: PGlite (PostgreSQL compiled to WASM) and its wire-protocol socket run here, in a
 * worker thread of their own, so a long statement — a delivery's batch being written — never holds up the server's
 * event loop: pages and `/readyz` keep being answered while the database works. The main thread talks to it over the
 * Unix socket like any PostgreSQL client. Self-contained (no relative imports), so Node can run it from source too.
 */
import { parentPort, workerData } from "node:worker_threads"
import { PGlite } from "@electric-sql/pglite"
import { PGLiteSocketServer } from "@electric-sql/pglite-socket"

/** What the main thread hands the worker. */
export interface Start {
  readonly dataDir: string | undefined
  readonly path: string
}

/** What the worker says back. */
export type Said =
  | { readonly _tag: "Ready" }
  | { readonly _tag: "Failed"; readonly code: string; readonly message: string; readonly operation: string }
  | { readonly _tag: "Stopped" }

const say = (message: Said) => parentPort?.postMessage(message)

const codeOf = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : ""

const main = async () => {
  const { dataDir, path } = workerData as Start
  let db: PGlite
  try {
    db = await PGlite.create(dataDir)
  } catch (cause) {
    say({ _tag: "Failed", code: codeOf(cause), message: String(cause), operation: "opening the embedded database" })
    return
  }
  const server = new PGLiteSocketServer({ db, path })
  try {
    await server.start()
  } catch (cause) {
    await db.close().catch(() => undefined)
    say({ _tag: "Failed", code: codeOf(cause), message: String(cause), operation: "serving the embedded database" })
    return
  }
  parentPort?.once("message", async () => {
    await server.stop().catch(() => undefined)
    await db.close().catch(() => undefined)
    say({ _tag: "Stopped" })
    parentPort?.close()
  })
  say({ _tag: "Ready" })
}

void main()
