/**
 * The server's own keys: the OPRF key that turns a BSN into a value no partner can compute alone, and the storage key
 * that turns that value into the pseudonym the store keeps. They are made by the server at its first need, kept in
 * `server_keys` (so the store's backup holds them and every server on one database uses the same ones), never
 * returned by the API or written to a log. Each is read from the database once per process and then kept in memory;
 * rotating one (`rotate`) is for a stopped server, see the server's README for what it costs.
 */
import { Clock, Context, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** The names of the keys the server keeps. */
export const names = {
  oprf: "oprf-ristretto255-sha512",
  storage: "pseudonym-storage",
  /** Keys the hashes of personal identifiers that are not pseudonyms: client addresses, an account id that looks like a BSN. */
  identifiers: "identifier-hashing",
} as const

const make = Effect.gen(function* () {
  const sql = yield* SqlClient
  const kept = new Map<string, Uint8Array>()

  const read = (name: string) =>
    sql
      .unsafe<{ readonly key: Uint8Array }>("SELECT key FROM server_keys WHERE name = $1", [name])
      .pipe(orStoreError("reading a server key"))

  const key = Effect.fn("ServerKeys.key")(function* (name: string, generate: () => Promise<Uint8Array>) {
    const known = kept.get(name)
    if (known !== undefined) return known
    let rows = yield* read(name)
    if (rows.length === 0) {
      const fresh = yield* Effect.promise(generate)
      const now = yield* Clock.currentTimeMillis
      // Two servers starting at once each make a key; the first one stored is the key of both.
      yield* sql
        .unsafe("INSERT INTO server_keys (name, key, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING", [
          name,
          fresh,
          new Date(now),
        ])
        .pipe(orStoreError("storing a server key"))
      rows = yield* read(name)
    }
    const found = new Uint8Array(rows[0]?.key ?? [])
    kept.set(name, found)
    return found
  })

  const rotate = Effect.fn("ServerKeys.rotate")(function* (name: string, fresh: Uint8Array) {
    const now = yield* Clock.currentTimeMillis
    yield* sql
      .unsafe(
        `INSERT INTO server_keys (name, key, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET key = EXCLUDED.key, created_at = EXCLUDED.created_at`,
        [name, fresh, new Date(now)],
      )
      .pipe(orStoreError("rotating a server key"))
    kept.set(name, fresh)
  })

  return ServerKeys.of({ key, rotate })
})

/** The server's keys, made at first need and kept in the store. */
export class ServerKeys extends Context.Service<
  ServerKeys,
  {
    /** The key called `name`; made with `generate` and stored when there is none yet. */
    readonly key: (name: string, generate: () => Promise<Uint8Array>) => Effect.Effect<Uint8Array, StoreError>
    /** Replaces the key called `name` (a stopped server; stored pseudonyms made with the old key no longer link). */
    readonly rotate: (name: string, fresh: Uint8Array) => Effect.Effect<void, StoreError>
  }
>()("@baken/store/ServerKeys") {
  /** The keys in the `SqlClient` in context. */
  static readonly layer = Layer.effect(ServerKeys, make)
}
