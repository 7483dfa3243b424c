/**
 * Starting and stopping the server: opens the runtime (database, migrations on the embedded store), serves the app
 * on a port, and on SIGTERM/SIGINT shuts down gracefully: no new connections or deliveries, running deliveries
 * finish, then the runtime (and with it the database) is disposed.
 */
import type { AddressInfo } from "node:net"
import { DeliveryJobs, Environment, Pseudonyms } from "@baken/api"
import type { RegionDefinition } from "@baken/domain"
import { DataVersion, DeliveryJobRepository } from "@baken/store"
import { serve } from "@hono/node-server"
import { Duration, Effect, Fiber } from "effect"
import type { Hono } from "hono"
import * as App from "./App.js"
import * as Log from "./Log.js"
import * as Region from "./Region.js"
import * as Runtime from "./Runtime.js"
import type { ServerConfig } from "./ServerConfig.js"
import * as Sessions from "./Sessions.js"

/** How long a connection may send and receive nothing before it is closed, in milliseconds. */
export const idleTimeoutMs = 120_000

/** A running server. */
export interface Running {
  readonly url: string
  readonly runtime: Runtime.Runtime
  /** Stops taking requests, waits for running deliveries, and closes the database. */
  readonly close: () => Promise<void>
}

/** Starts the server; resolves once the port is open and the database is ready. */
export const start = async (
  config: ServerConfig,
  options: {
    readonly logger?: Log.Logger
    /**
     * The app served at `/`: a Hono app, or one built on the server's runtime and its sign-in guard (the dashboard
     * over the API).
     */
    readonly web?: Hono | ((runtime: Runtime.Runtime, sessions: Sessions.Shared) => Hono)
    /** The sign-in routes (OpenID Connect), built on the server's runtime and logger; mounted before `web`. */
    readonly signIn?: (runtime: Runtime.Runtime, logger: Log.Logger, sessions: Sessions.Shared) => Hono
    readonly runtime?: Runtime.Runtime
    /**
     * The region to serve, from its definition (`baken serve --region`): its plans and partners the store does not
     * have yet are stored before the port opens. Absent: Gooi en Vechtstreek, and nothing is stored.
     */
    readonly region?: RegionDefinition.Definition
  } = {},
): Promise<Running> => {
  const logger = options.logger ?? Log.make(config.logLevel)
  const runtime =
    options.runtime ??
    Runtime.make({
      database: config.database,
      pseudonymSecret: config.pseudonymSecret,
      oprfLimit: config.oprfLimit,
      region: options.region,
    })
  await runtime.runPromise(Effect.void)
  // The server's keys are opened at start: a secret that cannot open them stops the server here, in one line.
  await runtime.runPromise(Pseudonyms.keys)
  const keyed = await runtime.runPromise(Pseudonyms.keyEarlierFileHashes)
  if (keyed > 0) logger.log("info", `kept ${keyed} earlier delivery file hash(es) as keyed hashes from now on`)
  if (options.region !== undefined) {
    const loaded = await runtime.runPromise(Region.load(options.region))
    if (loaded.plans.length > 0 || loaded.partners.length > 0) {
      logger.log(
        "info",
        `region ${options.region.region.id}: stored ${loaded.plans.length} plan(s) and ${loaded.partners.length} partner(s) from its definition`,
      )
    }
  }
  // The delivery worker. On an embedded store this process is the one writer, so a job left running is a dead
  // process's and is taken up at once; servers sharing PostgreSQL take one up when its lease has run out.
  const worker = runtime.runFork(
    Effect.gen(function* () {
      if (config.database._tag === "Embedded") {
        yield* DeliveryJobRepository.DeliveryJobRepository.use((jobs) => jobs.releaseAll())
      }
      // Spool files of uploads a crash cut off; servers sharing PostgreSQL leave files younger than an hour alone.
      yield* DeliveryJobs.sweepSpool(config.spoolDir, config.database._tag === "Embedded" ? 0 : 3_600_000)
      return yield* DeliveryJobs.worker()
    }),
  )
  // Servers sharing PostgreSQL (and the CLI) change data this process does not see being written: the database's
  // data version is read once a second, and kept pages and answers are renewed when it moved. On the embedded store
  // this process is the one writer and knows every change at once.
  const watcher =
    config.database._tag === "Server" ? runtime.runFork(DataVersion.watch(Duration.seconds(1))) : undefined
  // One guard of failed sign-ins for the API's tokens and the dashboard's login.
  const guard = Sessions.guard(runtime, Sessions.failureLimit, Date.now, logger)
  const web =
    typeof options.web === "function" ? options.web(runtime, { guard, trustProxy: config.trustProxy }) : options.web
  const signIn = options.signIn?.(runtime, logger, { guard, trustProxy: config.trustProxy })
  const app = App.make({
    runtime,
    config,
    logger,
    guard,
    ready: App.readiness(runtime),
    ...(web === undefined ? {} : { web }),
    ...(signIn === undefined ? {} : { signIn }),
  })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        hostname: config.host,
        port: config.port,
        // A large delivery on a slow line may take longer than Node's five minutes for a whole request: requests have
        // no overall limit, and a connection that sends nothing for `idleTimeoutMs` is closed instead.
        serverOptions: { requestTimeout: 0 },
      },
      () => resolve(s),
    )
    s.setTimeout(idleTimeoutMs)
  })
  const address = server.address() as AddressInfo
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${address.port}`
  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      logger.log("info", "shutting down: finishing running deliveries")
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      // New deliveries are refused from here on; a job being run goes back to the queue and is run again from its
      // spool file after the restart; pushes already inside the gate finish.
      const gateClosed = runtime.runPromise(Environment.DeliveryGate.use((gate) => gate.close))
      await runtime.runPromise(Fiber.interrupt(worker))
      if (watcher !== undefined) await runtime.runPromise(Fiber.interrupt(watcher))
      await gateClosed
      await stopped
      await runtime.dispose()
      logger.log("info", "stopped")
    })()
    return closing
  }
  return { url, runtime, close }
}

/** Closes `running` on SIGTERM or SIGINT and exits with 0 once it is closed. */
export const closeOnSignals = (running: Running): void => {
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once("SIGTERM", stop)
  process.once("SIGINT", stop)
}
