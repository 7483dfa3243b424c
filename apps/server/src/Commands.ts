/**
 * What each `baken` command does. Every command prints text, or one JSON value with `--json`, and exits with a
 * documented code: 0 done, 1 failed (one line on standard error), 3 configuration wrong (one line naming the
 * variable). Intakes show a progress line on standard error when it is a terminal.
 */
import { stat } from "node:fs/promises"
import { resolve } from "node:path"
import { Item, Oprf, Placeholder, type Pseudonymiser, Registry, Scaffold, Source, Summary } from "@baken/adapter-kit"
import { AdminRouter, Audience, type Environment, Pseudonyms } from "@baken/api"
import { Delivery, Region as DomainRegion, PersonEvent, RegionDefinition } from "@baken/domain"
import { ApiTokenRepository, DeliveryRepository, Migrations, StoreError } from "@baken/store"
import { Effect, type Layer, Schema, Stream } from "effect"
import * as AdapterModule from "./AdapterModule.js"
import * as Dashboard from "./Dashboard.js"
import * as Demo from "./Demo.js"
import * as Push from "./Push.js"
import * as Region from "./Region.js"
import * as Runtime from "./Runtime.js"
import * as Server from "./Server.js"
import { ConfigError, fromEnv, type ServerConfig } from "./ServerConfig.js"
import type * as Sessions from "./Sessions.js"
import * as StaticSite from "./StaticSite.js"

/** The exit codes of `baken`. */
export const ExitCode = { ok: 0, failed: 1, usage: 2, config: 3 } as const

interface Output {
  readonly json: boolean
}

const print = (output: Output, value: unknown, text: string) => {
  process.stdout.write(output.json ? `${JSON.stringify(value)}\n` : `${text}\n`)
}

const fail = (error: unknown): never => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`baken: ${message.split("\n")[0]}\n`)
  process.exit(error instanceof ConfigError ? ExitCode.config : ExitCode.failed)
}

const config = (
  overrides: Record<string, string | undefined> = {},
  municipalities?: ReadonlyArray<string>,
): ServerConfig => {
  try {
    return fromEnv({ ...process.env, ...overrides }, municipalities)
  } catch (error) {
    return fail(error)
  }
}

/** Runs an effect against the configured database and disposes it. */
const withStore = async <A, E>(
  effect: Effect.Effect<A, E, Environment.Services>,
  options: { readonly onOpen?: "migrate" | "check" } = {},
): Promise<A> => {
  const c = config()
  const runtime = Runtime.make({ database: c.database, pseudonymSecret: c.pseudonymSecret, ...options })
  try {
    return await runtime.runPromise(effect)
  } finally {
    await runtime.dispose()
  }
}

/** `baken serve [--region <file>] [--demo] [--port N]`. */
export const serve = async (options: {
  readonly demo?: boolean
  readonly port?: string
  readonly region?: string
  readonly json: boolean
}) => {
  const region = readRegion(options.region ?? regionFromEnv())
  const c = config(
    options.port === undefined ? {} : { PORT: options.port },
    region === undefined ? undefined : DomainRegion.everMembers(region.region),
  )

  if (c.oidc !== undefined && c.webDir !== undefined) {
    fail(
      new ConfigError(
        "BAKEN_OIDC_ISSUER en BAKEN_WEB_DIR gaan niet samen: inloggen met de organisatie is er voor het dashboard van Baken zelf",
      ),
    )
  }
  const oidc = c.oidc
  const web =
    c.webDir === undefined
      ? (runtime: Runtime.Runtime, sessions: Sessions.Shared) =>
          Dashboard.app(runtime, {
            sessions,
            limits: { form: c.bodyLimit, upload: c.uploadLimit },
            deliveries: { spoolDir: c.spoolDir, deliveryLimit: c.deliveryLimit },
            ...(oidc === undefined ? {} : { signIn: Dashboard.signInOf(oidc) }),
          })
      : (() => {
          try {
            return StaticSite.fromFolder(c.webDir)
          } catch (error) {
            return fail(new ConfigError((error as Error).message))
          }
        })()
  const running = await Server.start(c, {
    web,
    ...(region === undefined ? {} : { region }),
    ...(oidc === undefined
      ? {}
      : { signIn: (runtime, logger, sessions) => Dashboard.signInRoutes(runtime, oidc, logger, sessions) }),
  }).catch(fail)
  Server.closeOnSignals(running)
  const served = region ?? Runtime.defaultRegion
  if (options.demo === true) {
    // The demo's example data is Gooi en Vechtstreek's; another region shows what its own definition holds.
    const ownDemo = served.region.id === Runtime.defaultRegion.region.id
    const { loaded, token } = await running.runtime
      .runPromise(
        Effect.gen(function* () {
          const loaded = ownDemo ? yield* Demo.load : { deliveries: [] }
          const issued = yield* AdminRouter.issueToken({
            audience: "region",
            label: "demo region token (serve --demo)",
            days: 1,
          })
          return { loaded, token: issued.secret }
        }),
      )
      .catch(fail)
    print(
      options,
      { url: running.url, token, demo: true, deliveries: loaded.deliveries.length },
      [
        `Baken is running at ${running.url} (embedded store: ${c.database._tag === "Embedded" ? (c.database.dataDir ?? "memory") : "PostgreSQL"})`,
        ownDemo
          ? `Demo data loaded (plans of ${RegionDefinition.shortNameOf(served)}, DEMO deliveries made with test BSNs).`
          : `Serving ${RegionDefinition.shortNameOf(served)} from its definition (the DEMO deliveries are Gooi en Vechtstreek's and were not loaded).`,
        `Region-role token (valid 1 day): ${token}`,
        `Try: curl -H "Authorization: Bearer ${token}" ${running.url}/trpc/plan.list`,
      ].join("\n"),
    )
  } else {
    print(options, { url: running.url }, `Baken is running at ${running.url}`)
  }
}

/** The region definition file `BAKEN_REGION` names, for `serve` without `--region` and for `ingest`. */
const regionFromEnv = (): string | undefined => {
  const file = process.env.BAKEN_REGION?.trim()
  return file === undefined || file === "" ? undefined : file
}

/** The region definition in `file` (`--region`), checked; a wrong one stops with its Dutch refusals (exit 3). */
const readRegion = (file: string | undefined): RegionDefinition.Definition | undefined => {
  if (file === undefined) return undefined
  try {
    return Region.read(file)
  } catch (error) {
    return fail(error)
  }
}

/** `baken migrate`. */
export const migrate = async (output: Output) => {
  const report = await withStore(Migrations.migrate(), { onOpen: "migrate" }).catch(fail)
  print(
    output,
    report,
    report.applied.length === 0
      ? `The schema is up to date (version ${report.to}).`
      : `Migrated from version ${report.from} to ${report.to}.`,
  )
}

/** `baken token create`. */
export const tokenCreate = async (options: {
  readonly audience: string
  readonly partner?: string
  readonly municipality?: string
  readonly label: string
  readonly days: string
  readonly json: boolean
}) => {
  const request = Schema.decodeUnknownExit(AdminRouter.TokenRequest)({
    audience: options.audience,
    label: options.label,
    days: Number(options.days),
    ...(options.partner === undefined ? {} : { partner: options.partner }),
    ...(options.municipality === undefined ? {} : { municipality: options.municipality }),
  })
  if (request._tag === "Failure") return fail(new Error(`invalid token request: ${String(request.cause)}`))
  const issued = await withStore(AdminRouter.issueToken(request.value)).catch((error: unknown) =>
    fail(
      error instanceof StoreError.StoreError && error.reason._tag === "DataFolderInUse"
        ? new Error(
            `the data folder ${error.reason.path} is in use by \`${error.reason.command}\` (pid ${error.reason.pid}), which would not know a token made here: create it through that server (token.create with an admin token), or stop it first`,
          )
        : error,
    ),
  )
  print(
    options,
    { id: issued.token.id, secret: issued.secret, expiresAt: new Date(issued.token.expiresAt).toISOString() },
    `Token ${issued.token.id} (${options.audience}) until ${new Date(issued.token.expiresAt).toISOString()}:\n${issued.secret}\nThe secret is shown this once.`,
  )
}

/** `baken token list`. */
export const tokenList = async (output: Output) => {
  const tokens = await withStore(ApiTokenRepository.ApiTokenRepository.use((repo) => repo.list())).catch(fail)
  print(
    output,
    tokens,
    tokens.length === 0
      ? "No tokens."
      : tokens
          .map((t) => {
            const caller = Audience.fromToken(t)
            const state = t.revokedAt !== null ? "revoked" : `until ${new Date(t.expiresAt).toISOString()}`
            return `${t.id}  ${caller?.audience ?? "?"}${t.partner === null ? "" : ` ${t.partner}`}  ${state}  ${t.label}`
          })
          .join("\n"),
  )
}

/** `baken token revoke <id>`. */
export const tokenRevoke = async (id: string, output: Output) => {
  const revoked = await withStore(ApiTokenRepository.ApiTokenRepository.use((repo) => repo.revoke(id))).catch(fail)
  if (!revoked) return fail(new Error(`there is no token ${id}`))
  print(output, { id, revoked }, `Token ${id} is revoked.`)
}

/** A progress line on standard error, when it is a terminal. */
const progress = (label: string) => {
  const tty = process.stderr.isTTY === true
  let count = 0
  return {
    tick: () => {
      count += 1
      if (tty && count % 1000 === 0) process.stderr.write(`\r${label}: ${count.toLocaleString("nl-NL")} records`)
    },
    done: () => {
      if (tty) process.stderr.write(`\r${label}: ${count.toLocaleString("nl-NL")} records, done\n`)
    },
  }
}

/** How many rejections of a file text mode prints before it only counts the rest. */
export const rejectionsShown = 50

/** The adapters `baken ingest` runs, for its `--help`: id, Dutch name, file endings and partner kinds. */
export const adapterHelp = (): string =>
  [
    "Adapters (--adapter):",
    ...Runtime.serverAdapters.map((entry) => {
      const { id, partnerKinds, formats } = entry.adapter
      const extensions = [...new Set(formats.flatMap((f) => f.extensions))].join(", ")
      return `  ${id}\n      ${entry.name}\n      bestanden: ${extensions}; partners: ${partnerKinds.join(", ")}`
    }),
  ].join("\n")

/** Where a rejection is: `file:line[:column]`, else the file with its element path or message, else the file. */
export const locationText = (location: Delivery.Location): string => {
  if (location.line !== undefined) {
    return `${location.file}:${location.line}${location.column === undefined ? "" : `:${location.column}`}`
  }
  if (location.path !== undefined && location.path !== Item.wholeFile) return `${location.file}:${location.path}`
  if (location.message !== undefined) return `${location.file} (bericht ${location.message})`
  return location.file
}

/** One rejection as a line: `file:line[:column] rule — message`, the message in Dutch. */
export const rejectionLine = (rejection: Delivery.Rejection): string =>
  `${locationText(rejection.location)} ${rejection.rule} — ${rejection.message.nl}`

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)

/**
 * `baken ingest --adapter <id> [--push <url> --token <t>] <files…>`. Text mode prints each file's summary and its
 * first rejections as `file:line[:column] rule — message`; `--json` prints every file's summary with its rejections.
 * Exits 0 when every file was read (with or without rejected rows), 1 when a file as a whole is refused.
 */
export const ingest = async (
  files: ReadonlyArray<string>,
  options: {
    readonly adapter?: string
    readonly adapterModule?: string
    readonly push?: string
    readonly token?: string
    readonly partner?: string
    readonly oprfKey?: string
    readonly json: boolean
  },
) => {
  if ((options.adapter === undefined) === (options.adapterModule === undefined)) {
    return fail(new Error("name the adapter to run: --adapter <id> or --adapter-module <file>"))
  }
  // A partner of another region checks its files against that region's members and plan years (BAKEN_REGION).
  const adapters = Runtime.adaptersFor(readRegion(regionFromEnv()) ?? Runtime.defaultRegion)
  const entry =
    options.adapterModule !== undefined
      ? await AdapterModule.load(options.adapterModule).catch(fail)
      : Registry.find(adapters, options.adapter as string)
  if (entry === undefined) {
    return fail(
      new Error(
        `there is no adapter ${options.adapter} (available: ${adapters.map((e) => e.adapter.id).join(", ")}; your own with --adapter-module)`,
      ),
    )
  }
  const token = options.token ?? process.env.BAKEN_TOKEN
  if (options.push !== undefined && token === undefined) return fail(new Error("--push needs --token or BAKEN_TOKEN"))
  // Accepted records are kept only to store them locally; a check only counts them and a push streams them.
  const keepRecords = options.partner !== undefined && options.push === undefined
  // Text mode shows the first rejections only; JSON and a local store take them all.
  const keepAllRejections = options.json || keepRecords
  // No key here: the adapter writes per-run placeholders. A push turns them into OPRF values with the server's
  // help; a local store into its own pseudonyms with its own keys; a check only counts.
  const placeholders = Placeholder.make()
  const results: Array<{
    readonly file: string
    readonly summary: Delivery.Summary
    readonly rejections: ReadonlyArray<Delivery.Rejection>
    readonly refused: boolean
    readonly stored?: unknown
    readonly reason?: string
  }> = []
  for (const file of files) {
    const info = await stat(file).catch(() => fail(new Error(`cannot read ${file}`)))
    const source = (info.isDirectory() ? Source.folder(file) : Source.file(file)) as Source.File | Source.Folder
    const records: Array<Delivery.AcceptedRecord> = []
    const rejections: Array<Delivery.Rejection> = []
    let aboutFile = false
    const bar = progress(file)
    const seen = (item: Item.Item) => {
      bar.tick()
      if (item._tag === "Accepted") {
        if (keepRecords) records.push(item.record)
      } else {
        if (Item.refusesFile(item.rejection)) aboutFile = true
        if (keepAllRejections || rejections.length < rejectionsShown) rejections.push(item.rejection)
      }
    }
    if (options.push !== undefined) {
      // The records stream to the server while the adapter reads; the server's job tells what was stored.
      const job = await Push.push({
        url: options.push,
        token: token as string,
        entry,
        source,
        oprfKey: options.oprfKey ?? process.env.BAKEN_OPRF_KEY,
        knownKeys: process.env.BAKEN_KNOWN_KEYS ?? Push.defaultKnownKeys(),
        onItem: seen,
      }).catch(fail)
      bar.done()
      const summary = Delivery.Summary.make(
        job.summary === null
          ? { accepted: {}, rejected: {}, sourceHash: Delivery.DeliveryHeader.fields.sourceHash.make("0".repeat(64)) }
          : Schema.decodeUnknownSync(Delivery.Summary)(job.summary),
      )
      results.push({
        file,
        summary,
        rejections,
        refused: job.status === "refused",
        stored: job,
        ...(job.reason === null ? {} : { reason: job.reason.nl }),
      })
      continue
    }
    const summary = await Effect.runPromise(
      Summary.run(entry.adapter, source, { onItem: (item) => Effect.sync(() => seen(item)) }).pipe(
        Effect.provide(placeholders.layer),
      ),
    ).catch(fail)
    bar.done()
    const refused = Item.refusedWhole(total(summary.accepted), aboutFile)
    if (options.partner !== undefined) {
      const partner = options.partner
      const stored = await withStore(
        Effect.gen(function* () {
          const { oprf, storage } = yield* Pseudonyms.keys
          const values = yield* Effect.promise(() =>
            Placeholder.resolve(
              placeholders,
              records.flatMap((r) => (r instanceof PersonEvent.PersonEvent ? [r.person] : [])),
              oprf.evaluateMany,
              Oprf.maxBatch,
            ),
          )
          const pseudonymised = records.map((r) =>
            r instanceof PersonEvent.PersonEvent
              ? new PersonEvent.PersonEvent({
                  ...r,
                  person: Pseudonyms.stored(storage, values.get(r.person) as string),
                })
              : r,
          )
          return { pseudonymised, sourceHash: yield* Pseudonyms.fileHash(partner, summary.sourceHash) }
        }).pipe(
          Effect.flatMap(({ pseudonymised, sourceHash }) =>
            DeliveryRepository.DeliveryRepository.use((repo) =>
              repo.store({
                header: new Delivery.DeliveryHeader({
                  partner: Delivery.DeliveryHeader.fields.partner.make(partner),
                  adapter: entry.adapter.id,
                  sourceHash,
                  sourceName: source.name,
                  receivedOn: Delivery.DeliveryHeader.fields.receivedOn.make(new Date().toISOString().slice(0, 10)),
                }),
                records: Stream.fromIterable(pseudonymised),
                rejections,
                actor: `cli:partner:${partner}`,
                purpose: "local intake",
              }),
            ),
          ),
        ),
      ).catch(fail)
      results.push({ file, summary, rejections, refused, stored })
    } else {
      results.push({ file, summary, rejections, refused })
    }
  }
  print(
    options,
    results,
    results
      .map(({ file, summary, rejections, refused, reason }) => {
        const rejected = Math.max(total(summary.rejected), rejections.length)
        const head = refused
          ? `${file}: geweigerd — ${reason ?? `het bestand als geheel is niet gelezen (${rejected} afwijzing${rejected === 1 ? "" : "en"})`}`
          : `${file}: ${total(summary.accepted)} geaccepteerd, ${rejected} afgewezen${options.push === undefined ? "" : ` — verstuurd naar ${options.push}`}`
        const lines = rejections.slice(0, rejectionsShown).map(rejectionLine)
        const more = rejected - lines.length
        return [head, ...lines, ...(more > 0 ? [`… en nog ${more} afwijzing${more === 1 ? "" : "en"}`] : [])].join("\n")
      })
      .join("\n"),
  )
  if (results.some((r) => r.refused)) process.exit(ExitCode.failed)
}

/**
 * `baken adapter new <name> [--dir <dir>]`: a partner's adapter project from the kit's template (the kit's
 * `baken-adapter new` does the same), with the adapter, its conformance test, fixtures and a package.json.
 */
export const adapterNew = (name: string, options: { readonly dir?: string; readonly json: boolean }) => {
  const dir = options.dir ?? name
  let written: ReadonlyArray<string> = []
  try {
    written = Scaffold.create({ name, dir: resolve(dir) })
  } catch (error) {
    return fail(error)
  }
  print(
    options,
    { name, dir: resolve(dir), files: written },
    [
      `Adapter ${name} aangemaakt in ${dir}: ${written.join(", ")}`,
      "Verder:",
      `  cd ${dir}`,
      "  npm install",
      "  npm test",
      "  npm run build",
      "  baken ingest --adapter-module ./dist/adapter.js test/fixtures/events.csv",
    ].join("\n"),
  )
}

/** `baken demo`. */
export const demo = async (output: Output) => {
  const loaded = await withStore(Demo.load).catch(fail)
  print(
    output,
    loaded,
    `Loaded ${loaded.plans} plans, ${loaded.programmes} programmes, ${loaded.partners} partners and ${loaded.deliveries.length} DEMO deliveries.`,
  )
}

/** Keeps the layer type of the demo pseudonymiser referenced for tests. */
export const demoLayer: Layer.Layer<Pseudonymiser.Pseudonymiser> = Demo.demoPseudonymiser

/**
 * `baken keys rotate --oprf|--storage`: replaces a server key, for a stopped server (a running one keeps the old key
 * in memory). Stored pseudonyms are not recomputed: they cannot be, the BSNs are not kept. After a rotation the
 * people in deliveries before it are not linked to those after it, until the partners deliver again (see README).
 */
export const keysRotate = async (options: {
  readonly oprf?: boolean
  readonly storage?: boolean
  readonly json: boolean
}) => {
  const which = [...(options.oprf === true ? ["oprf"] : []), ...(options.storage === true ? ["storage"] : [])] as const
  if (which.length === 0) return fail(new Error("name the key to rotate: --oprf, --storage or both"))
  await withStore(
    Effect.forEach(which, (name) => Pseudonyms.rotate(name as "oprf" | "storage"), { discard: true }),
  ).catch(fail)
  print(
    options,
    { rotated: which },
    `Rotated: ${which.join(", ")}. Pseudonyms stored before this no longer link to new ones; partners pin the new OPRF key (GET /api/oprf/key).`,
  )
}
