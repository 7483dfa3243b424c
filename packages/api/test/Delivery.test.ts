import { createHash, randomUUID } from "node:crypto"
import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { registry } from "@baken/adapter-registry"
import { Partner } from "@baken/domain"
import { politie } from "@baken/region-gooi-en-vechtstreek/reference"
import { DeliveryJobRepository, PlanRepository } from "@baken/store"
import { TRPCError } from "@trpc/server"
import { Effect } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Adapters from "../src/Adapters.js"
import type { Caller } from "../src/Audience.js"
import * as DeliveryJobs from "../src/DeliveryJobs.js"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers, makeRuntime, seedDeliveries } from "./runtime.js"

const runtime = makeRuntime(registry.filter((e) => e.adapter.id === "observations-csv"))
afterAll(() => runtime.dispose())

const zorgaanbieder = callers.partner
const police: Caller = { audience: "partner", partner: politie.id, tokenId: "0000000000000011" }
const housing: Caller = { audience: "partner", partner: "test-woningcorporatie" as never, tokenId: "0000000000000012" }

/** A file's bytes in a spool file of their own, as the host's delivery route leaves them. */
const spooled = async (text: string) => {
  const path = join(await mkdtemp(join(tmpdir(), "baken-api-spool-")), `${randomUUID()}.part`)
  await writeFile(path, text)
  return path
}

/** Queues `csv` as the housing corporation's upload through the observations CSV adapter, as the delivery route does. */
const uploadCsv = async (csv: string, sourceName: string) =>
  runtime.runPromise(
    DeliveryJobs.enqueue(housing, {
      id: randomUUID(),
      adapter: "observations-csv" as never,
      kind: "file",
      sourceName,
      sourceHash: createHash("sha256").update(csv).digest("hex") as never,
      spool: await spooled(csv),
      bytes: csv.length,
    }),
  )

let hashes = 0
const freshHash = () => (hashes++).toString(16).padStart(64, "e")

const bw = (fields: Record<string, unknown> = {}) => ({
  indicator: "bw-instroom",
  area: "GM0402",
  period: "2024-Q1",
  value: 1,
  source: "iwmo",
  ...fields,
})
const push = (
  caller: Caller,
  adapter: string,
  records: ReadonlyArray<unknown>,
  sourceHash = freshHash(),
  sourceName = "levering.json",
) =>
  callerFor(runtime, caller).delivery.push({
    adapter,
    sourceName,
    sourceHash,
    records,
    rejections: [],
  } as never)
const stored = async (caller: Caller) => (await callerFor(runtime, caller).delivery.list({} as never)).length
const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : "NOT_A_TRPC_ERROR"),
  )

beforeAll(async () => {
  await seedDeliveries(runtime, { adapters: ["iwmo"] })
  await runtime.runPromise(
    PlanRepository.PlanRepository.use((repo) =>
      repo.put(Entities.partner, politie).pipe(
        Effect.andThen(
          repo.put(
            Entities.partner,
            new Partner.Partner({
              id: "test-woningcorporatie" as never,
              name: "TEST woningcorporatie",
              kind: "woningcorporatie",
              adapters: ["woningcorporatie" as never],
            }),
          ),
        ),
      ),
    ),
  )
})

describe("a partner delivers only what is its own", () => {
  it("a police token cannot push figures for beschermd wonen, through any adapter", async () => {
    for (const adapter of ["politie", "iwmo", "observations-csv"]) {
      const refused = push(police, adapter, [bw({ source: adapter })])
      await expect(refused).rejects.toBeInstanceOf(TRPCError)
    }
    await expect(push(police, "politie", [bw({ source: "politie" })])).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("mag indicator bw-instroom niet leveren via adapter politie"),
    })
    await expect(push(police, "iwmo", [bw()])).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("levert niet via adapter iwmo"),
    })
    expect(await stored(police)).toBe(0)
  })

  it("a push of a negative count is refused whole, so a hidden cell cannot be walked up and back down", async () => {
    const before = await stored(zorgaanbieder)
    await expect(push(zorgaanbieder, "iwmo", [bw({ value: 1 }), bw({ value: -6 })])).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Een aantal kan niet negatief zijn"),
    })
    expect(await stored(zorgaanbieder)).toBe(before)
  })

  it("a push for an unknown indicator, an area outside the region or a period outside the plans is refused", async () => {
    for (const record of [
      bw({ indicator: "verzonnen-indicator" }),
      bw({ area: "GM0363" }),
      bw({ area: "GM0457", period: "2023" }),
      bw({ period: "2021-Q4" }),
      bw({ period: "2026" }),
    ]) {
      await expect(push(zorgaanbieder, "iwmo", [record])).rejects.toMatchObject({ code: "BAD_REQUEST" })
    }
  })

  it("generated hostile pushes are all refused and store nothing", async () => {
    const before = await stored(zorgaanbieder)
    const hostile = fc.oneof(
      fc.integer({ max: -1 }).map((value) => bw({ value })),
      fc
        .double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e6 })
        .filter((v) => !Number.isInteger(v))
        .map((value) => bw({ value })),
      fc.oneof(fc.integer({ min: 100_000_000 }), fc.constant(Number.MAX_SAFE_INTEGER)).map((value) => bw({ value })),
      fc
        .constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "12", "NaN", null)
        .map((value) => bw({ value: value === null ? {} : value })),
      fc
        .constantFrom(
          "politie-e33-incidenten",
          "vt-meldingen",
          "huisuitzettingen",
          "inwoners",
          "wc-ontruimingen-uitgevoerd",
        )
        .map((indicator) => bw({ indicator })),
      fc.constantFrom("GM0363", "GM0344", "NL01", "VR14x", "VR01", "GM9999").map((area) => bw({ area })),
      fc.constantFrom("2016", "2021", "2021-H2", "2026-Q1", "2099-12", "2024-Q5").map((period) => bw({ period })),
      fc.constantFrom("politie", "observations-csv", "cbs-statline").map((source) => bw({ source })),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constant(bw()), { maxLength: 3 }), hostile, async (good, bad) => {
        const code = await codeOf(push(zorgaanbieder, "iwmo", [...good, bad]))
        expect(["BAD_REQUEST", "FORBIDDEN"]).toContain(code)
      }),
      { numRuns: 40 },
    )
    expect(await stored(zorgaanbieder)).toBe(before)
  })

  it("an honest push of the partner's own counts is stored", async () => {
    const answer = await push(zorgaanbieder, "iwmo", [bw({ value: 12 }), bw({ value: null, period: "2024-Q2" })])
    expect(answer.summary.accepted).toEqual({ observation: 2 })
  })

  it("a push of person events says its persons are OPRF values, or it is refused naming the field", async () => {
    const event = {
      person: "ab".repeat(32),
      kind: "allocation-requested",
      date: "2024-03-01",
      municipality: "GM0402",
      source: "iwmo",
    }
    await expect(push(zorgaanbieder, "iwmo", [event])).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("input.pseudonyms"),
    })
    const answer = await callerFor(runtime, zorgaanbieder).delivery.push({
      adapter: "iwmo",
      sourceName: "levering.json",
      sourceHash: freshHash(),
      records: [event],
      rejections: [],
      pseudonyms: "oprf-ristretto255-sha512-v1",
    } as never)
    expect(answer.summary.accepted).toEqual({ "person-event": 1 })
  })

  it("a file name with a lone surrogate or a control character is a bad input, not stored", async () => {
    for (const name of ["levering\uD800.json", "levering\u0007.json"]) {
      const call = push(zorgaanbieder, "iwmo", [bw({ value: 12 })], freshHash(), name)
      await expect(call).rejects.toMatchObject({ code: "BAD_REQUEST" })
    }
  })

  it("a pushed rejection keeps its rule and line, never the text the client chose", async () => {
    const sourceHash = freshHash()
    await callerFor(runtime, zorgaanbieder).delivery.push({
      adapter: "iwmo",
      sourceName: "levering.json",
      sourceHash,
      records: [bw({ value: 12 })],
      rejections: [
        {
          location: { file: '=HYPERLINK("http://example.invalid","klik")', line: 7, path: "/Bericht/<script>" },
          field: "Bsn; DROP TABLE",
          rule: "bsn-eleven-test",
          message: { nl: '=HYPERLINK("http://example.invalid","klik hier")', en: "call 0612345678" },
        },
        { location: { file: "x", line: 9 }, rule: "Zelfverzonnen regel!", message: { nl: "vrije tekst", en: "free" } },
      ],
    } as never)
    const { rejections } = await callerFor(runtime, zorgaanbieder).delivery.rejections({ sourceHash } as never)
    expect(rejections.map((r) => [r.rule, r.location.file, r.location.line, r.field])).toEqual([
      ["bsn-eleven-test", "levering.json", 7, undefined],
      ["onbekende-regel", "levering.json", 9, undefined],
    ])
    const text = JSON.stringify(rejections)
    expect(text).not.toContain("HYPERLINK")
    expect(text).not.toContain("vrije tekst")
    expect(text).not.toContain("script")
  })

  it("a file through an adapter the partner was not assigned is refused, in Dutch, before it is queued", async () => {
    const exit = await runtime.runPromiseExit(
      DeliveryJobs.enqueue(police, {
        id: randomUUID(),
        adapter: "observations-csv" as never,
        kind: "file",
        sourceName: "cijfers.csv",
        sourceHash: freshHash() as never,
        spool: await spooled("indicator;municipality;period;value\r\nbw-instroom;GM0402;2024-Q1;12\r\n"),
        bytes: 60,
      }),
    )
    expect(exit._tag).toBe("Failure")
    expect(JSON.stringify(exit)).toContain("levert niet via")
    expect(JSON.stringify(exit)).toContain("Forbidden")
  })

  it("a delivered file's rows pass the same rules as a push: another indicator or a negative count is rejected", async () => {
    await callerFor(runtime, callers.region).partner.setRights({
      partner: housing.partner,
      adapters: ["woningcorporatie", "observations-csv"],
      indicators: ["huisuitzettingen"],
    } as never)
    const csv = [
      "indicator;municipality;period;value",
      "huisuitzettingen;GM0402;2024-Q1;3",
      "bw-instroom;GM0402;2024-Q1;12",
      "huisuitzettingen;GM0406;2024-Q1;-6",
      "",
    ].join("\r\n")
    const sourceHash = createHash("sha256").update(csv).digest("hex")
    const { job } = await uploadCsv(csv, "cijfers.csv")
    await runtime.runPromise(DeliveryJobs.drain)
    const done = await runtime.runPromise(DeliveryJobs.status(housing, job.id))
    expect(done.status).toBe("stored")
    expect(done.progress).toEqual({ read: 3, accepted: 1, rejected: 2 })
    const partner = callerFor(runtime, housing)
    const { delivery, rejections } = await partner.delivery.rejections({ sourceHash } as never)
    expect(delivery.summary.accepted).toEqual({ observation: 1 })
    expect(delivery.summary.rejected).toEqual({ "indicator-not-allowed": 1, value: 1 })
    expect(rejections.map((r) => r.message.nl)).toEqual([
      expect.stringContaining("mag indicator bw-instroom niet leveren"),
      expect.stringContaining("Een aantal kan niet negatief zijn"),
    ])
  })

  it("keeps an upload and a push only under a keyed hash of the file: what the region sees and the log hold is not the file's SHA-256", async () => {
    // A one-row file's plain SHA-256 would let whoever sees it find the BSN in it by hashing every candidate.
    const csv = "indicator;municipality;period;value\r\nhuisuitzettingen;GM0417;2024-Q3;4\r\n"
    const uploaded = createHash("sha256").update(csv).digest("hex")
    const { job } = await uploadCsv(csv, "een-regel.csv")
    await runtime.runPromise(DeliveryJobs.drain)
    expect((await runtime.runPromise(DeliveryJobs.status(housing, job.id))).status).toBe("stored")
    const pushed = createHash("sha256").update("een-regel-gepusht").digest("hex")
    await push(
      housing,
      "observations-csv",
      [bw({ indicator: "huisuitzettingen", area: "GM0417", value: 2, source: "observations-csv" })],
      pushed,
    )

    const shown = await callerFor(runtime, callers.region).delivery.list({ partner: housing.partner } as never)
    const kept = shown.map((d) => d.header.sourceHash)
    expect(kept).toHaveLength(shown.length)
    for (const plain of [uploaded, pushed]) {
      expect(JSON.stringify(shown)).not.toContain(plain)
      const traces = await runtime.runPromise(
        Effect.gen(function* () {
          const sql = yield* SqlClient
          const [row] = yield* sql<{ readonly n: number }>`SELECT (
            (SELECT count(*) FROM deliveries WHERE source_hash = ${plain} OR summary::text LIKE ${`%${plain}%`})
            + (SELECT count(*) FROM delivery_jobs WHERE source_hash = ${plain} OR summary::text LIKE ${`%${plain}%`})
            + (SELECT count(*) FROM processing_log WHERE subject LIKE ${`%${plain}%`}))::int AS n`
          return row?.n
        }),
      )
      expect(traces).toBe(0)
      // The partner still finds its delivery by the hash of its own file, and the overview's hash finds it too.
      const byFile = await callerFor(runtime, housing).delivery.rejections({ sourceHash: plain } as never)
      expect(kept).toContain(byFile.delivery.header.sourceHash)
      const byShown = await callerFor(runtime, callers.region).delivery.rejections({
        sourceHash: byFile.delivery.header.sourceHash,
        partner: housing.partner,
      } as never)
      expect(byShown.delivery.header).toEqual(byFile.delivery.header)
      // The region finds it only by the kept hash: by a file's SHA-256 it could test guessed files (and BSNs).
      await expect(
        callerFor(runtime, callers.region).delivery.rejections({
          sourceHash: plain,
          partner: housing.partner,
        } as never),
      ).rejects.toMatchObject({ code: "NOT_FOUND" })
    }
    // The same file again, by either route, is the same delivery.
    const before = await stored(housing)
    await push(
      housing,
      "observations-csv",
      [bw({ indicator: "huisuitzettingen", area: "GM0417", value: 2, source: "observations-csv" })],
      pushed,
    )
    expect(await stored(housing)).toBe(before)
  })

  it("refuses persons pushed through an adapter of counts, so a partner of figures cannot add people or raise its limit", async () => {
    const person = {
      person: "b".repeat(64),
      kind: "support-started",
      date: "2024-01-08",
      municipality: "GM0402",
      source: "observations-csv",
    }
    const before = await stored(housing)
    await expect(push(housing, "observations-csv", [person])).rejects.toThrow(
      "Via adapter observations-csv worden alleen cijfers geleverd, geen gebeurtenissen van personen",
    )
    expect(await stored(housing)).toBe(before)
  })

  it("lists a partner the adapters the region assigned it, with their Dutch names and formats; the region all", async () => {
    const own = await runtime.runPromise(Adapters.adaptersFor(housing))
    expect(own.map((a) => a.id)).toEqual(["observations-csv"])
    expect(own[0]?.formats[0]?.extensions).toContain(".csv")
    expect((await runtime.runPromise(Adapters.adaptersFor(police))).map((a) => a.id)).toEqual([])
    expect((await runtime.runPromise(Adapters.adaptersFor(callers.region))).map((a) => a.id)).toEqual([
      "observations-csv",
    ])
    expect(await runtime.runPromise(Adapters.adaptersFor(callers.public))).toEqual([])
  })

  it("only the region sets a partner's rights, and only to indicators the plan knows", async () => {
    const rights = { partner: politie.id, adapters: ["politie", "observations-csv"], indicators: ["bw-instroom"] }
    await expect(callerFor(runtime, police).partner.setRights(rights as never)).rejects.toMatchObject({
      code: "FORBIDDEN",
    })
    await expect(
      callerFor(runtime, callers.region).partner.setRights({ ...rights, indicators: ["verzonnen"] } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" })
    expect(await callerFor(runtime, police).partner.rights({ partner: politie.id } as never)).toEqual({
      partner: politie.id,
      adapters: ["politie"],
      indicators: [],
    })
    await expect(
      callerFor(runtime, police).partner.rights({ partner: "demo-zorgaanbieder" } as never),
    ).rejects.toMatchObject({ code: "FORBIDDEN" })
  })
})

describe("duplicates and lookups are the partner's own", () => {
  it("another partner sending the same bytes gets its own delivery and nothing of the first", async () => {
    const hash = freshHash()
    await push(zorgaanbieder, "iwmo", [bw({ value: 20 })], hash, "wachtlijst-a-geheim.json")
    const other = await push(housing, "woningcorporatie", [], hash)
    expect(other.duplicate).toBe(false)
    expect(other.header.partner).toBe(housing.partner)
    expect(JSON.stringify(other)).not.toContain("wachtlijst-a-geheim")
    expect(other.summary.accepted).toEqual({})
  })

  it("a hash another partner pushed first does not block the partner's own delivery", async () => {
    const hash = freshHash()
    await push(housing, "woningcorporatie", [], hash)
    const own = await push(zorgaanbieder, "iwmo", [bw({ value: 30 })], hash)
    expect(own.duplicate).toBe(false)
    expect(own.header.partner).toBe("demo-zorgaanbieder")
    expect(own.summary.accepted).toEqual({ observation: 1 })
  })

  it("a partner cannot read another partner's rejections or deliveries, even by naming it", async () => {
    const hash = freshHash()
    const pushed = await push(zorgaanbieder, "iwmo", [bw({ value: 40 })], hash)
    const other = callerFor(runtime, housing)
    await expect(other.delivery.rejections({ sourceHash: hash } as never)).rejects.toMatchObject({ code: "NOT_FOUND" })
    await expect(
      other.delivery.rejections({ sourceHash: hash, partner: "demo-zorgaanbieder" } as never),
    ).rejects.toMatchObject({ code: "NOT_FOUND" })
    expect((await other.delivery.list({} as never)).every((d) => d.header.partner === housing.partner)).toBe(true)
    const region = callerFor(runtime, callers.region)
    const kept = pushed.header.sourceHash
    await expect(
      other.delivery.rejections({ sourceHash: kept, partner: "demo-zorgaanbieder" } as never),
    ).rejects.toMatchObject({ code: "NOT_FOUND" })
    const found = await region.delivery.rejections({ sourceHash: kept, partner: "demo-zorgaanbieder" } as never)
    expect(found.delivery.header.partner).toBe("demo-zorgaanbieder")
  })
})

describe("the delivery queue holds against a careless or hostile partner", () => {
  beforeAll(() =>
    callerFor(runtime, callers.region).partner.setRights({
      partner: zorgaanbieder.partner,
      adapters: ["iwmo", "observations-csv"],
      indicators: ["bw-instroom"],
    } as never),
  )
  const queueFile = (caller: Caller, text: string, kind: "file" | "push" = "file") =>
    spooled(text).then((spool) =>
      runtime.runPromise(
        DeliveryJobs.enqueue(caller, {
          id: randomUUID(),
          adapter: "observations-csv" as never,
          kind,
          sourceName: "cijfers.csv",
          sourceHash: createHash("sha256").update(`${text}${kind}`).digest("hex") as never,
          spool,
          bytes: text.length,
        }),
      ),
    )

  it("refuses a pushed line longer than the limit at once, without holding it in memory", async () => {
    const { job } = await queueFile(zorgaanbieder, `{"record":${"x".repeat(DeliveryJobs.maxPushLine + 10)}}\n`, "push")
    await runtime.runPromise(DeliveryJobs.drain)
    const done = await runtime.runPromise(DeliveryJobs.status(zorgaanbieder, job.id))
    expect(done.status).toBe("refused")
    expect(done.reason?.nl).toContain("Regel 1 van de aangeleverde gegevens is langer dan")
  })

  it("refuses a file whose every row is rejected, saying so, and stores no empty delivery", async () => {
    const before = await stored(zorgaanbieder)
    const { job } = await queueFile(
      zorgaanbieder,
      "indicator;municipality;period;value\r\nbw-instroom;GM9999;2024-Q1;3\r\n",
    )
    await runtime.runPromise(DeliveryJobs.drain)
    const done = await runtime.runPromise(DeliveryJobs.status(zorgaanbieder, job.id))
    expect(done.status).toBe("refused")
    expect(done.reason?.nl).toContain("Alle 1 gegevens")
    expect(done.rejections).toHaveLength(1)
    expect(await stored(zorgaanbieder)).toBe(before)
  })

  it("refuses a job that ended its server on every try instead of running it once more", async () => {
    const { job } = await queueFile(
      zorgaanbieder,
      "indicator;municipality;period;value\r\nbw-instroom;GM0402;2024-Q2;3\r\n",
    )
    // Three claims that never finish: each time the server died while running it.
    for (let i = 0; i < DeliveryJobs.maxAttempts; i++) {
      await runtime.runPromise(
        DeliveryJobRepository.DeliveryJobRepository.use((jobs) =>
          Effect.andThen(jobs.claim(60_000), jobs.release(job.id)),
        ),
      )
    }
    await runtime.runPromise(DeliveryJobs.drain)
    const done = await runtime.runPromise(DeliveryJobs.status(zorgaanbieder, job.id))
    expect(done.status).toBe("refused")
    expect(done.reason?.nl).toContain(`na ${DeliveryJobs.maxAttempts} pogingen`)
  })

  it("refuses more deliveries than a partner may have waiting, with 409 in Dutch, until they are done", async () => {
    for (let i = 0; i < DeliveryJobs.maxWaitingPerPartner; i++) {
      await queueFile(zorgaanbieder, `indicator;municipality;period;value\r\nbw-instroom;GM0402;2024-Q3;${i}\r\n`)
    }
    const refused = await runtime.runPromiseExit(DeliveryJobs.admit(zorgaanbieder, "observations-csv", "file"))
    expect(refused._tag).toBe("Failure")
    expect(String(refused)).toContain("leveringen van u in de wachtrij")
    await runtime.runPromise(DeliveryJobs.drain)
    const admitted = await runtime.runPromiseExit(DeliveryJobs.admit(zorgaanbieder, "observations-csv", "file"))
    expect(admitted._tag).toBe("Success")
  })
})
