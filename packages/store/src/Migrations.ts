/**
 * The store's schema as numbered migrations, and `migrate`, which brings a database up to date in ONE transaction:
 * all pending migrations apply, or none does and the schema stays as it was. A database whose recorded version is
 * newer than this code knows is refused. Several server processes may call `migrate` at once: an advisory lock
 * makes them take turns, and the second finds nothing left to do.
 */

import { BsnShape, PersonEvent } from "@baken/domain"
import { Effect } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { recomputeStatements } from "./FlowRepository.js"
import { fromSqlError, MigrationFailed, SchemaTooNew, StoreError } from "./StoreError.js"

/** One step of the schema: a version number, a name, and the statements it runs, in order. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly statements: ReadonlyArray<string>
}

const hex64 = "'^[0-9a-f]{64}$'"
const slug = "'^[a-z0-9]+(-[a-z0-9]+)*$'"
const code = "'^[A-Za-z0-9_-]{1,20}$'"
/**
 * Nine digits standing alone look like a BSN; free-text columns refuse them so that one cannot slip in by accident.
 * The guard of versions 1 to 14; version 15 replaces it by `BsnShape.postgresPattern` (`guarded`).
 */
const noBsn = (column: string) => `CHECK (${column} !~ '(^|[^0-9A-Za-z])[0-9]{9}([^0-9A-Za-z]|$)')`

/**
 * The free-text columns the no-BSN guard holds, with the name PostgreSQL gave the guard of versions 1 to 9, and
 * whether rows of the table are updated later (a delivery when it is published, a job as it runs, a token when it is
 * revoked, an event when a correction supersedes it): a check added NOT VALID still holds every row that is updated,
 * so in those tables values the broader guard refuses are masked first. The processing log and the rejections are
 * never updated and keep what they hold.
 */
const guarded: ReadonlyArray<{ table: string; column: string; old: string; updated: boolean }> = [
  { table: "deliveries", column: "source_file", old: "deliveries_source_file_check", updated: true },
  { table: "delivery_rejections", column: "rejection", old: "delivery_rejections_rejection_check", updated: false },
  { table: "api_tokens", column: "label", old: "api_tokens_label_check", updated: true },
  { table: "processing_log", column: "actor", old: "processing_log_actor_check", updated: false },
  { table: "processing_log", column: "subject", old: "processing_log_subject_check", updated: false },
  { table: "processing_log", column: "purpose", old: "processing_log_purpose_check", updated: false },
  { table: "delivery_jobs", column: "source_name", old: "delivery_jobs_source_name_check", updated: true },
  { table: "person_events", column: "origin_file", old: "person_events_origin_file_check", updated: true },
  { table: "person_events", column: "origin_message", old: "person_events_origin_message_check", updated: true },
]

/**
 * Whether `value` holds what the guard of version 15 refuses: the cheap prefilter first (most text fails it at a
 * tenth of the cost), then the pattern with its look-arounds.
 */
const bsnShaped = (value: string) =>
  `${value} ~ '${BsnShape.postgresPrefilter}' AND ${value} ~ '${BsnShape.postgresPattern}'`

/** The guard of version 15 on `column` (`rejection` is checked as text); CASE, so the prefilter surely runs first. */
const noBsnShape = (column: string) => {
  const value = column === "rejection" ? "rejection::text" : column
  return `CHECK (CASE WHEN ${value} ~ '${BsnShape.postgresPrefilter}' THEN ${value} !~ '${BsnShape.postgresPattern}' ELSE true END)`
}

/** An allocation key with a nine-digit ToewijzingNummer as adapters wrote it before `PersonEvent.allocationKey` used x. */
const legacyAllocation = "'^T([0-9]{3})_([0-9]{3})_([0-9]{3})A'"
const kinds = PersonEvent.PersonEvent.fields.kind.literals.map((k) => `'${k}'`).join(", ")

/** Every migration of the store, oldest first. */
export const all: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: "deliveries, observations and pseudonymised person events",
    statements: [
      `CREATE TABLE deliveries (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_hash text NOT NULL UNIQUE CHECK (source_hash ~ ${hex64}),
        partner text NOT NULL CHECK (partner ~ ${slug}),
        adapter text NOT NULL CHECK (adapter ~ ${slug}),
        source_file text NOT NULL ${noBsn("source_file")},
        received_on date NOT NULL,
        summary jsonb NOT NULL,
        stored_at timestamptz NOT NULL
      )`,
      `CREATE INDEX deliveries_by_partner ON deliveries (partner, stored_at)`,
      `CREATE TABLE delivery_rejections (
        delivery integer NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        rule text NOT NULL,
        rejection jsonb NOT NULL ${noBsn("rejection::text")},
        PRIMARY KEY (delivery, ordinal)
      )`,
      // No foreign key here: intake is the hot path and the delivery's transaction keeps rows consistent. One
      // covering index serves the dashboard and the aggregation per indicator × period × area (measured against a
      // summary table maintained at intake, which cost four times as much per row; see the README).
      `CREATE TABLE observations (
        delivery integer NOT NULL,
        indicator text NOT NULL,
        area text NOT NULL,
        period text NOT NULL,
        value double precision,
        source text NOT NULL
      )`,
      `CREATE INDEX observations_by_cell ON observations (indicator, period, area) INCLUDE (value)`,
      `CREATE TABLE person_events (
        delivery integer NOT NULL,
        person text NOT NULL CHECK (person ~ ${hex64}),
        kind text NOT NULL CHECK (kind IN (${kinds})),
        event_date date NOT NULL,
        municipality text NOT NULL CHECK (municipality ~ '^GM[0-9]{4}$'),
        category text CHECK (category ~ ${code}),
        reason text CHECK (reason ~ ${code}),
        source text NOT NULL CHECK (source ~ ${slug})
      )`,
      `CREATE INDEX person_events_by_kind_date ON person_events (kind, event_date)`,
      `CREATE INDEX person_events_by_delivery ON person_events (delivery)`,
    ],
  },
  {
    version: 2,
    name: "API tokens and the processing log",
    statements: [
      `CREATE TABLE api_tokens (
        id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ ${hex64}),
        partner text CHECK (partner ~ ${slug}),
        scopes text[] NOT NULL,
        label text NOT NULL ${noBsn("label")},
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
      `CREATE TABLE processing_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL ${noBsn("actor")},
        action text NOT NULL CHECK (action IN ('read', 'write', 'delete')),
        subject text NOT NULL ${noBsn("subject")},
        purpose text NOT NULL ${noBsn("purpose")}
      )`,
      `CREATE INDEX processing_log_by_time ON processing_log (at)`,
    ],
  },
  {
    version: 3,
    name: "plans, decisions, partners and the plan's content",
    statements: [
      // Plan-side entities are stored as the domain Schemas encode them; the columns beside the body are what
      // queries filter on.
      `CREATE TABLE plan_entities (
        kind text NOT NULL CHECK (kind ~ ${slug}),
        id text NOT NULL,
        plan text,
        body jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (kind, id)
      )`,
      `CREATE INDEX plan_entities_by_plan ON plan_entities (plan, kind)`,
    ],
  },
  {
    version: 4,
    name: "a delivery is unique per partner and source hash",
    statements: [
      // Duplicates are a partner's own affair: the same bytes from another partner are another delivery, and a hash
      // one partner sends must never block or reveal another's.
      `ALTER TABLE deliveries DROP CONSTRAINT deliveries_source_hash_key`,
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_partner_source_hash_key UNIQUE (partner, source_hash)`,
    ],
  },
  {
    version: 5,
    name: "indicators and targets belong to a plan version",
    statements: [
      // Indicators were shared by every plan (plan NULL): each plan gets its own copy, so a draft's edit stays in
      // the draft. Targets keep their plan and get ids that name it, so two plans' targets never overwrite each other.
      `INSERT INTO plan_entities (kind, id, plan, body, updated_at)
       SELECT 'indicator', p.id || '/' || i.id, p.id, i.body, i.updated_at
       FROM plan_entities i CROSS JOIN plan_entities p
       WHERE i.kind = 'indicator' AND i.plan IS NULL AND p.kind = 'plan'
       ON CONFLICT (kind, id) DO NOTHING`,
      `DELETE FROM plan_entities WHERE kind = 'indicator' AND plan IS NULL`,
      `UPDATE plan_entities SET id = plan || '/' || replace(id, ':', '/')
       WHERE kind = 'target' AND plan IS NOT NULL AND id NOT LIKE '%/%'`,
    ],
  },
  {
    version: 6,
    name: "deliveries are queued as jobs, staged in chunks and published at once",
    statements: [
      // A delivery's rows are written in short statements while it is staged and count for nothing until one short
      // transaction publishes it, so readers never wait for a large delivery.
      `ALTER TABLE deliveries ADD COLUMN published boolean NOT NULL DEFAULT true`,
      `CREATE INDEX deliveries_unpublished ON deliveries (id) WHERE NOT published`,
      `CREATE TABLE delivery_jobs (
        id text PRIMARY KEY CHECK (id ~ '^[0-9a-f-]{36}$'),
        partner text NOT NULL CHECK (partner ~ ${slug}),
        adapter text NOT NULL CHECK (adapter ~ ${slug}),
        kind text NOT NULL CHECK (kind IN ('file', 'push')),
        source_name text NOT NULL ${noBsn("source_name")},
        source_hash text NOT NULL CHECK (source_hash ~ ${hex64}),
        spool text NOT NULL,
        bytes bigint NOT NULL CHECK (bytes >= 0),
        actor text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'stored', 'refused')),
        read integer NOT NULL DEFAULT 0,
        accepted integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        delivery integer REFERENCES deliveries (id) ON DELETE SET NULL,
        summary jsonb,
        reason jsonb,
        rejections jsonb NOT NULL DEFAULT '[]'::jsonb,
        attempts integer NOT NULL DEFAULT 0,
        lease_until timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      // The same bytes from one partner are one job at a time, whether queued, running or stored.
      `CREATE UNIQUE INDEX delivery_jobs_once ON delivery_jobs (partner, source_hash) WHERE status <> 'refused'`,
      `CREATE INDEX delivery_jobs_waiting ON delivery_jobs (created_at) WHERE status IN ('queued', 'running')`,
    ],
  },
  {
    version: 7,
    name: "council decisions are a history",
    statements: [
      // A decision was stored under plan, council and date, so a second decision on the same day replaced the first.
      // Each decision is now a row of its own; the identity gives the order of recording, which decides between two
      // decisions of one council on the same day.
      `CREATE TABLE council_decisions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        plan text NOT NULL,
        municipality text NOT NULL CHECK (municipality ~ '^GM[0-9]{4}$'),
        decided_on date NOT NULL,
        body jsonb NOT NULL,
        recorded_at timestamptz NOT NULL
      )`,
      `CREATE INDEX council_decisions_by_plan ON council_decisions (plan, municipality, id)`,
      `INSERT INTO council_decisions (plan, municipality, decided_on, body, recorded_at)
       SELECT coalesce(plan, body->>'plan'), body->>'municipality', (body->>'date')::date, body, updated_at
       FROM plan_entities WHERE kind = 'council-decision'
       ORDER BY updated_at, id`,
      `DELETE FROM plan_entities WHERE kind = 'council-decision'`,
    ],
  },
  {
    version: 8,
    name: "a data version that every change of published data raises",
    statements: [
      // One row, raised in the writing transaction by triggers, so a server learns of another server's (or the
      // CLI's) change with one cheap read; see `DataVersion`. A delivery counts when it is published; staging it
      // (an unpublished row, its progress) changes nothing a reader sees.
      `CREATE TABLE data_version (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        version bigint NOT NULL
      )`,
      `INSERT INTO data_version (id, version) VALUES (true, 1)`,
      `CREATE FUNCTION baken_raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE data_version SET version = version + 1;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER plan_entities_raise_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_entities
       FOR EACH STATEMENT EXECUTE FUNCTION baken_raise_data_version()`,
      `CREATE TRIGGER deliveries_published_raise_data_version AFTER INSERT ON deliveries
       FOR EACH ROW WHEN (NEW.published) EXECUTE FUNCTION baken_raise_data_version()`,
      `CREATE TRIGGER deliveries_publish_raise_data_version AFTER UPDATE OF published ON deliveries
       FOR EACH ROW WHEN (OLD.published IS DISTINCT FROM NEW.published) EXECUTE FUNCTION baken_raise_data_version()`,
      `CREATE TRIGGER deliveries_removed_raise_data_version AFTER DELETE ON deliveries
       FOR EACH ROW WHEN (OLD.published) EXECUTE FUNCTION baken_raise_data_version()`,
      // Council decisions are published data too: the home page's status follows them.
      `CREATE TRIGGER council_decisions_raise_data_version AFTER INSERT OR UPDATE OR DELETE ON council_decisions
       FOR EACH STATEMENT EXECUTE FUNCTION baken_raise_data_version()`,
    ],
  },
  {
    version: 9,
    name: "person events pair up by allocation, corrections supersede, and the flow measures are kept",
    statements: [
      // \`allocation\` has the pattern of \`PersonEvent.Allocation\`; \`seq\` is the order of arrival; \`superseded_by\` the
      // seq of the correction (iWmo StatusAanlevering 2 or 3) that replaced or deleted the event. The origin says
      // where the event was read, so a rejection found when the delivery is published can say where it is.
      `ALTER TABLE person_events
        ADD COLUMN allocation text CHECK (allocation ~ '^[A-Za-z][A-Za-z0-9_-]{0,39}$'),
        ADD COLUMN correction text CHECK (correction IN ('replaces', 'deletes')),
        ADD COLUMN origin_file text ${noBsn("origin_file")},
        ADD COLUMN origin_message text ${noBsn("origin_message")},
        ADD COLUMN origin_line integer CHECK (origin_line >= 1),
        ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY,
        ADD COLUMN superseded_by bigint`,
      // One person's events are few: this index finds them for the flows of the persons a delivery touches, and an
      // allocation's earlier events for corrections and pairing.
      `CREATE INDEX person_events_by_person ON person_events (person, seq)`,
      // Person-level flow results (no reader sees them) and the figures kept beside them; see \`FlowRepository\`.
      `CREATE TABLE flow_stays (
        person text NOT NULL,
        municipality text NOT NULL,
        allocation text NOT NULL,
        category text NOT NULL,
        start_day date NOT NULL,
        end_day date,
        reason text
      )`,
      `CREATE INDEX flow_stays_by_person ON flow_stays (person)`,
      `CREATE TABLE flow_hits (
        person text NOT NULL,
        indicator text NOT NULL,
        municipality text NOT NULL,
        day date NOT NULL
      )`,
      `CREATE INDEX flow_hits_by_person ON flow_hits (person)`,
      `CREATE TABLE flow_counts (
        indicator text NOT NULL,
        area text NOT NULL,
        period text NOT NULL,
        persons integer NOT NULL,
        PRIMARY KEY (indicator, period, area)
      )`,
      `CREATE INDEX flow_counts_empty ON flow_counts (indicator) WHERE persons = 0`,
      `CREATE TABLE flow_lengths (
        area text NOT NULL,
        period text NOT NULL,
        days integer NOT NULL,
        stays integer NOT NULL,
        PRIMARY KEY (area, period, days)
      )`,
      `CREATE INDEX flow_lengths_empty ON flow_lengths (area) WHERE stays = 0`,
      ...recomputeStatements,
    ],
  },
  {
    version: 10,
    name: "dashboard sessions, and failed sign-ins per client address",
    statements: [
      // A signed-in person's session: the cookie holds `bks_<id>_<secret>`, the store only its SHA-256. A session
      // started with a token code ends when the token is revoked or expires (`token_id`); one started through the
      // organisation's identity provider names the person in `subject` (`oidc:<issuer>#<sub>`), so all of one
      // person's sessions can be ended at once.
      `CREATE TABLE sessions (
        id text PRIMARY KEY,
        secret_hash text NOT NULL UNIQUE,
        audience text NOT NULL,
        partner text,
        municipality text,
        token_id text REFERENCES api_tokens (id),
        subject text NOT NULL,
        label text NOT NULL,
        created_at timestamptz NOT NULL,
        seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
      )`,
      `CREATE INDEX sessions_live_subject ON sessions (subject) WHERE ended_at IS NULL`,
      // Failed sign-ins and unknown tokens per client and minute, shared by every server on the database. The client
      // is the SHA-256 of its address (an IP address is personal data), kept only for the current and last minute.
      `CREATE TABLE sign_in_failures (
        client text NOT NULL,
        minute bigint NOT NULL,
        failures integer NOT NULL,
        PRIMARY KEY (client, minute)
      )`,
    ],
  },
  {
    version: 11,
    name: "OpenID Connect sign-ins under way, kept between the redirect to the provider and the callback",
    statements: [
      // Hashes of the state and of the browser's binding value; the nonce and the code verifier as they are (the
      // token request needs the verifier); the path to return to. Rows live ten minutes and are taken once.
      `CREATE TABLE oidc_sign_ins (
        state_hash text PRIMARY KEY CHECK (state_hash ~ ${hex64}),
        browser_hash text NOT NULL CHECK (browser_hash ~ ${hex64}),
        nonce text NOT NULL CHECK (nonce ~ '^[A-Za-z0-9_-]{16,128}$'),
        code_verifier text NOT NULL CHECK (code_verifier ~ '^[A-Za-z0-9._~-]{43,128}$'),
        next_path text NOT NULL CHECK (next_path ~ '^/' AND length(next_path) <= 500),
        created_at timestamptz NOT NULL
      )`,
      `CREATE INDEX oidc_sign_ins_by_age ON oidc_sign_ins (created_at)`,
    ],
  },
  {
    version: 12,
    name: "the server's own keys (OPRF and pseudonym storage), and OPRF evaluations counted per partner",
    statements: [
      // Keys made at first start by the server itself; they never leave it except in the store's own backup.
      `CREATE TABLE server_keys (
        name text PRIMARY KEY CHECK (name ~ ${slug}),
        key bytea NOT NULL CHECK (length(key) BETWEEN 16 AND 128),
        created_at timestamptz NOT NULL
      )`,
      // One row per evaluate call: which partner asked for how many values, and whether it was answered.
      `CREATE TABLE oprf_evaluations (
        partner text NOT NULL CHECK (partner ~ ${slug}),
        at timestamptz NOT NULL,
        elements integer NOT NULL CHECK (elements > 0),
        answered boolean NOT NULL
      )`,
      `CREATE INDEX oprf_evaluations_by_partner ON oprf_evaluations (partner, at)`,
    ],
  },
  {
    version: 13,
    name: "room for OPRF evaluations the region grants a partner beyond what its deliveries explain (a first delivery)",
    statements: [
      `CREATE TABLE oprf_allowances (
        partner text NOT NULL CHECK (partner ~ ${slug}),
        at timestamptz NOT NULL,
        elements integer NOT NULL CHECK (elements > 0 AND elements <= 10000000),
        granted_by text NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500)
      )`,
      `CREATE INDEX oprf_allowances_by_partner ON oprf_allowances (partner, at)`,
    ],
  },
  {
    version: 14,
    name: "deliveries are kept under a keyed hash of their file, not its plain SHA-256",
    statements: [
      // Rows from before keep `false` until the server keys them (`DeliveryRepository.keyFileHashes`, at its start):
      // keying needs the server's identifier key, which SQL does not have. Rows written from here on are keyed.
      `ALTER TABLE deliveries ADD COLUMN hash_keyed boolean NOT NULL DEFAULT false`,
      `ALTER TABLE deliveries ALTER COLUMN hash_keyed SET DEFAULT true`,
      `ALTER TABLE delivery_jobs ADD COLUMN hash_keyed boolean NOT NULL DEFAULT false`,
      `ALTER TABLE delivery_jobs ALTER COLUMN hash_keyed SET DEFAULT true`,
    ],
  },
  {
    version: 15,
    name: "the no-BSN guard of free text refuses nine digits in any grouping, of any script, with invisible characters",
    statements: [
      // The guard of versions 1-13 saw nine ASCII digits standing alone only; `BsnShape` says what it sees now (an
      // outside tester's finding F5b: `9999 000 43`, `999_900_006`, full-width digits, zero-width spaces …). Rows
      // stored before are not checked again (NOT VALID); in tables whose rows are updated later, what the new guard
      // refuses is masked with asterisks first, so those updates keep working.
      ...guarded.map(({ table, old }) => `ALTER TABLE ${table} DROP CONSTRAINT ${old}`),
      ...guarded
        .filter((g) => g.updated)
        .map(
          ({ table, column }) =>
            `UPDATE ${table} SET ${column} = regexp_replace(${column}, '${BsnShape.postgresPattern}', '*********', 'g')
             WHERE ${bsnShaped(column)}`,
        ),
      // A nine-digit ToewijzingNummer was written T123_456_789A… in allocation keys, now BSN-shaped; it is
      // T123x456x789A… from now on (`PersonEvent.allocationKey`), and the store writes older keys that way too.
      ...["person_events", "flow_stays"].map(
        (table) =>
          `UPDATE ${table} SET allocation = regexp_replace(allocation, ${legacyAllocation}, 'T\\1x\\2x\\3A')
           WHERE allocation ~ ${legacyAllocation}`,
      ),
      ...guarded.map(
        ({ table, column }) =>
          `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_no_bsn ${noBsnShape(column)} NOT VALID`,
      ),
    ],
  },
]

/** The newest schema version this code knows. */
export const latest: number = Math.max(...all.map((m) => m.version))

const ensureTable = `CREATE TABLE IF NOT EXISTS baken_schema (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`

/** What `migrate` did: the version found, the version left, and the migrations it applied. */
export interface Report {
  readonly from: number
  readonly to: number
  readonly applied: ReadonlyArray<number>
}

const versionOf = (sql: SqlClient) =>
  Effect.map(
    sql<{ readonly v: number }>`SELECT coalesce(max(version), 0)::int AS v FROM baken_schema`,
    (rows) => rows[0]?.v ?? 0,
  )

/** The schema version a database records (0 when it has none yet). */
export const currentVersion: Effect.Effect<number, StoreError, SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient
  const [exists] = yield* sql<{ readonly t: string | null }>`SELECT to_regclass('baken_schema')::text AS t`
  return exists?.t == null ? 0 : yield* versionOf(sql)
}).pipe(Effect.catchTag("SqlError", fromSqlError("reading the schema version", "DATABASE_URL or BAKEN_DATA_DIR")))

/**
 * Brings the database up to date in one transaction. `setting` names the configuration that chose this database,
 * for the error a too-new database gets. `migrations` is for tests; it defaults to the store's own.
 */
export const migrate = (
  options: { readonly setting?: string; readonly migrations?: ReadonlyArray<Migration> } = {},
): Effect.Effect<Report, StoreError, SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient
    const migrations = [...(options.migrations ?? all)].sort((a, b) => a.version - b.version)
    const known = Math.max(0, ...migrations.map((m) => m.version))
    let running: Migration | undefined
    const run = Effect.gen(function* () {
      yield* sql.unsafe(ensureTable)
      yield* sql`SELECT pg_advisory_xact_lock(7362952)`
      const from = yield* versionOf(sql)
      if (from > known) {
        return yield* new StoreError({
          reason: new SchemaTooNew({
            found: from,
            supported: known,
            setting: options.setting ?? "DATABASE_URL or BAKEN_DATA_DIR",
          }),
        })
      }
      const pending = migrations.filter((m) => m.version > from)
      for (const migration of pending) {
        running = migration
        for (const statement of migration.statements) yield* sql.unsafe(statement)
        yield* sql`INSERT INTO baken_schema (version, name) VALUES (${migration.version}, ${migration.name})`
      }
      running = undefined
      return { from, to: Math.max(from, known), applied: pending.map((m) => m.version) } satisfies Report
    })
    return yield* sql.withTransaction(run).pipe(
      Effect.catchTag("SqlError", (error: SqlError) =>
        running === undefined
          ? fromSqlError("migrating", options.setting ?? "DATABASE_URL or BAKEN_DATA_DIR")(error)
          : Effect.fail(
              new StoreError({
                reason: new MigrationFailed({
                  version: running.version,
                  name: running.name,
                  detail: error.reason.cause instanceof Error ? error.reason.cause.message : error.message,
                }),
              }),
            ),
      ),
    )
  })
