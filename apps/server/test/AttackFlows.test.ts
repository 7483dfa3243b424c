// Outside tester's findings on issue 14 (person flows, detention notices, iWmo corrections), against the real
// `baken serve` on an embedded data folder, as partners and an attacker send files to `POST /api/deliveries`.
// Several of these tests FAIL on purpose: each one states what should hold and does not (see the report on h-attack).
// Test BSNs only (9999…, eleven-test).
import { createHash } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Sample as Iwmo } from "@baken/adapter-iwmo"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createToken, type ServerProcess, startServer } from "./processes.js"

const dir = mkdtempSync(join(tmpdir(), "baken-attack-"))
const dataDir = join(dir, "data")
const env = {
  BAKEN_DATA_DIR: dataDir,
  BAKEN_SPOOL_DIR: join(dir, "spool"),
  BAKEN_PSEUDONYM_SECRET: "an attack test secret of at least 32 characters long",
}

const victim = "demo-zorgaanbieder-bescherming-en-opvang" // delivers iWmo as AGB 12345678
const other = "voorbeeld-zorgaanbieder" // another care provider with the iwmo adapter
const template = "demo-voorbeeldformaat" // the template-csv partner
const aftercare = "demo-gemeente-nazorg-detentie" // the only partner with the detentie adapter

let server: ServerProcess
const tokens: Record<string, string> = {}
let region = ""
let baseline: ReadonlyArray<{ indicator: string; area: string; period: string; persons: number }> = []

beforeAll(async () => {
  const first = await startServer(["--demo"], env)
  await first.stop()
  baseline = await flowCounts()
  for (const p of [victim, other, template, aftercare])
    tokens[p] = createToken(["--audience", "partner", "--partner", p], env, "attack")
  region = createToken(["--audience", "region"], env, "attack")
  // Not --demo again: that would queue the demo's files a second time.
  server = await startServer([], env)
  // Slow on purpose of nothing: when the worker loses the race to `Demo.load`, the demo's own person-history archive
  // is published in-process, and that takes more than ten minutes (see AttackFlowsStore.test.ts in the store).
}, 1_500_000)

afterAll(async () => {
  if (server !== undefined && server.child.exitCode === null) server.child.kill("SIGKILL")
  rmSync(dir, { recursive: true, force: true })
})

interface Job {
  readonly id: string
  readonly status: string
  readonly summary: { readonly accepted: Record<string, number>; readonly rejected: Record<string, number> } | null
  readonly reason: { readonly nl: string; readonly en: string } | null
  readonly rejections: ReadonlyArray<{
    readonly location: Record<string, unknown>
    readonly rule: string
    readonly message: { readonly nl: string; readonly en: string }
  }>
}

const send = async (partner: string, adapter: string, name: string, body: string | Uint8Array) => {
  const answer = await fetch(`${server.url}/api/deliveries?adapter=${adapter}&name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokens[partner]}` },
    body,
  })
  return { status: answer.status, body: (await answer.json()) as { id?: string; error?: unknown } }
}

const finished = async (partner: string, id: string): Promise<Job> => {
  for (;;) {
    const answer = await fetch(`${server.url}/api/deliveries/${id}`, {
      headers: { authorization: `Bearer ${tokens[partner]}` },
    })
    const j = (await answer.json()) as Job
    if (j.status === "stored" || j.status === "refused") return j
    await new Promise((r) => setTimeout(r, 100))
  }
}

const deliver = async (partner: string, adapter: string, name: string, body: string | Uint8Array) => {
  const sent = await send(partner, adapter, name, body)
  expect(sent.status).toBe(202)
  return finished(partner, sent.body.id as string)
}

/** A WMO305 (start) or WMO307 (stop) with one product of category 15, sent as AGB `agb` to municipality 0402. */
const support = (o: {
  readonly n: "305" | "307"
  readonly bsn: string
  readonly nummer: string
  readonly begin: string
  readonly end?: string
  readonly reden?: string
  readonly status: "1" | "2" | "3"
  readonly id: string
  readonly agb?: string
}) => {
  const message = {
    bsn: o.bsn,
    municipality: "0402",
    provider: o.agb ?? "12345678",
    identificatie: o.id,
    toewijzingNummer: o.nummer,
    category: "15",
    begin: o.begin,
    status: o.status,
  }
  return o.n === "305"
    ? Iwmo.startMessage(message)
    : Iwmo.stopMessage({ ...message, end: o.end ?? o.begin, reden: o.reden ?? "19" })
}

/** Reads the data folder's flow tables with PGlite (the server must be stopped: PGlite has one writer). */
const flowCounts = async (): Promise<
  ReadonlyArray<{ indicator: string; area: string; period: string; persons: number }>
> => {
  const require = createRequire(createRequire(import.meta.url).resolve("@baken/store"))
  // Not a dependency of the server: reached through the store's own, and typed by hand.
  const { PGlite } = (await import(require.resolve("@electric-sql/pglite"))) as {
    PGlite: {
      create: (dir: string) => Promise<{
        query: <T>(sql: string) => Promise<{ rows: ReadonlyArray<T> }>
        close: () => Promise<void>
      }>
    }
  }
  const db = await PGlite.create(dataDir)
  try {
    const rows = await db.query<{ indicator: string; area: string; period: string; persons: number }>(
      "SELECT indicator, area, period, persons FROM flow_counts ORDER BY 1, 2, 3",
    )
    return rows.rows
  } finally {
    await db.close()
  }
}

describe("issue 14 under attack", () => {
  // Flaky by nature: it passes when the race goes the other way (and then beforeAll takes 10+ minutes).
  it("the demo's person histories are stored by `serve --demo` (its iWmo archive is not refused for a spool file removed under the worker)", async () => {
    const answer = await fetch(
      `${server.url}/trpc/delivery.list?input=${encodeURIComponent(JSON.stringify({ partner: victim }))}`,
      { headers: { authorization: `Bearer ${region}` } },
    )
    const list = (await answer.json()) as { result: { data: ReadonlyArray<{ header?: { sourceName?: string } }> } }
    const names = JSON.stringify(list.result.data)
    // FAILS: `Demo.load` drains the queue while the server's own worker holds the big archive's job; the drain
    // returns, the spool folder is removed, and the job is refused as `broken-archive` (ENOENT, naming the path).
    expect(names).toContain("DEMO-iwmo-verblijven-2022-2025.zip")
  })

  it("a partner without the detentie adapter cannot deliver a detention file", async () => {
    const csv = "bsn;gemeente;soort;datum\n999900006;GM0402;einde;2024-03-15\n"
    const sent = await send(other, "detentie", "detentie.csv", csv)
    expect(sent.status).toBe(403)
    expect(JSON.stringify(sent.body)).not.toContain("999900006")
  })

  it("a partner without the detentie adapter cannot deliver detention notices through template-csv either", async () => {
    // The template format takes any event kind: detention-ended + contact-attempted count for nazorg-detentie-30d.
    const rows = ["999980002,detention-ended,2024-03-15,GM0402", "999980002,contact-attempted,2024-03-20,GM0402"]
    const j = await deliver(
      template,
      "template-csv",
      "voorbeeld.csv",
      `bsn,event,date,municipality\n${rows.join("\n")}\n`,
    )
    // FAILS: both rows are accepted; the voorbeeldformaat partner moves the aftercare figure of the aftercare team.
    expect(j.summary?.accepted["person-event"] ?? 0).toBe(0)
  })

  it("one care provider cannot learn another provider's dates from a pairing rejection", async () => {
    // The victim's client: started 10 January 2024, stopped according to plan on 31 March 2024.
    const bsn = "999980014"
    const start = await deliver(
      victim,
      "iwmo",
      "start.xml",
      support({ n: "305", bsn, nummer: "777001", begin: "2024-01-10", status: "1", id: "S777001" }),
    )
    expect(start.status).toBe("stored")
    const stop = await deliver(
      victim,
      "iwmo",
      "stop.xml",
      support({
        n: "307",
        bsn,
        nummer: "777001",
        begin: "2024-01-10",
        end: "2024-03-31",
        reden: "19",
        status: "1",
        id: "E777001",
      }),
    )
    expect(stop.status).toBe("stored")
    expect(stop.summary?.rejected ?? {}).toEqual({})
    // Another provider, holding the BSN and the (sequential) ToewijzingNummer, sends a first start of that allocation
    // with the victim's AGB as Afzender: nothing ties an AGB to a partner token.
    const probeBody = support({ n: "305", bsn, nummer: "777001", begin: "2024-02-01", status: "1", id: "P777001" })
    const probe = await deliver(other, "iwmo", "probe.xml", probeBody)
    // Pairing looks only at the other provider's own events: its start is its own, and nothing about the victim's
    // allocation comes back.
    expect(probe.summary?.rejected ?? {}).not.toHaveProperty("dubbele-start")
    // The job's status names only the count; the partner page reads the detail through delivery.rejections.
    const sourceHash = createHash("sha256").update(probeBody).digest("hex")
    const detail = await fetch(
      `${server.url}/trpc/delivery.rejections?input=${encodeURIComponent(JSON.stringify({ sourceHash }))}`,
      { headers: { authorization: `Bearer ${tokens[other]}` } },
    )
    const said = JSON.stringify(await detail.json())
    // Was: "Tweede start (305) van toewijzing T777001A12345678 (gemeente GM0402) op 1 februari 2024: deze
    // toewijzing is al gestart op 10 januari 2024" — the other provider learns that this person is in beschermd
    // wonen with the victim, and since when.
    expect(said).not.toContain("10 januari 2024")
    expect(said).not.toContain("2024-01-10")
  })

  it("one care provider cannot delete or replace another provider's stop (StatusAanlevering 3, then a new stop)", async () => {
    const bsn = "999980026"
    await deliver(
      victim,
      "iwmo",
      "start2.xml",
      support({ n: "305", bsn, nummer: "777002", begin: "2024-01-10", status: "1", id: "S777002" }),
    )
    await deliver(
      victim,
      "iwmo",
      "stop2.xml",
      support({
        n: "307",
        bsn,
        nummer: "777002",
        begin: "2024-01-10",
        end: "2024-03-31",
        reden: "19",
        status: "1",
        id: "E777002",
      }),
    )
    const deletion = await deliver(
      other,
      "iwmo",
      "del.xml",
      support({
        n: "307",
        bsn,
        nummer: "777002",
        begin: "2024-01-10",
        end: "2024-03-31",
        reden: "19",
        status: "3",
        id: "D777002",
      }),
    )
    // Was: the deletion superseded the victim's stop. Corrections now reach only the delivering partner's own events,
    // so this deletion finds nothing to delete and changes nothing (the flow figures below show the victim's stop).
    expect(deletion.status).toBe("stored")
    const replaced = await deliver(
      other,
      "iwmo",
      "new-stop.xml",
      support({
        n: "307",
        bsn,
        nummer: "777002",
        begin: "2024-01-10",
        end: "2024-12-31",
        reden: "22",
        status: "1",
        id: "N777002",
      }),
    )
    // Was: with the victim's stop gone, the other provider's stop (reden 22) became the stay's end. Now the other
    // provider has no start of its own for this allocation, so its stop is refused.
    expect(replaced.summary?.rejected ?? {}).toHaveProperty("stop-zonder-start", 1)
  })

  it("the flow figures after these deliveries equal what the victim delivered (no other partner moved them)", async () => {
    await server.stop()
    const counts = await flowCounts().finally(async () => {
      server = await startServer([], env)
    })
    const of = (rows: typeof counts, indicator: string, period: string) =>
      rows.find((c) => c.indicator === indicator && c.area === "GM0402" && c.period === period)?.persons ?? 0
    const moved = (indicator: string, period: string) => of(counts, indicator, period) - of(baseline, indicator, period)
    // The victim's two clients (999980014, 999980026) both left according to plan in March 2024; nothing else here
    // should have moved a flow figure.
    // FAILS (seen: planMarch 1, aftercareMarch 1): the other provider's deletion took 999980026's stop away, so that
    // stay runs on and the departure is gone; the template partner added an aftercare hit in March 2024. (Had the
    // previous test gone on to the other provider's new stop, the departure would reappear in December as reden 22.)
    expect({
      planMarch: moved("bo-uitstroom-volgens-plan", "2024-03"),
      departuresDecember: moved("bo-uitstroom", "2024-12"),
      aftercareMarch: moved("nazorg-detentie-30d", "2024-03"),
    }).toEqual({ planMarch: 2, departuresDecember: 0, aftercareMarch: 0 })
  }, 60_000)

  // Skipped, open (outside tester's finding 8, in issue 14's closing note): the iWmo count indicators
  // (iwmo-starts/stops-cat-NN) are per-file deltas, so a later file with only a deletion is a negative count the
  // intake refuses, at /records/N. The flow measures apply the deletion correctly; the counts need to be computed
  // from the person events that count, which is a change of the iWmo indicators beyond this issue.
  it.skip("a delivery of deletions only (StatusAanlevering 3) corrects the counts, and a refusal is located in the file", async () => {
    const bsn = "999980038"
    await deliver(
      victim,
      "iwmo",
      "start3.xml",
      support({ n: "305", bsn, nummer: "777003", begin: "2024-01-10", status: "1", id: "S777003" }),
    )
    await deliver(
      victim,
      "iwmo",
      "stop3.xml",
      support({
        n: "307",
        bsn,
        nummer: "777003",
        begin: "2024-01-10",
        end: "2024-03-31",
        reden: "19",
        status: "1",
        id: "E777003",
      }),
    )
    // The provider withdraws the stop it sent by mistake: one message, StatusAanlevering 3.
    const j = await deliver(
      victim,
      "iwmo",
      "intrekking.xml",
      support({
        n: "307",
        bsn,
        nummer: "777003",
        begin: "2024-01-10",
        end: "2024-03-31",
        reden: "19",
        status: "3",
        id: "W777003",
      }),
    )
    // FAILS: the delivery's own count for iwmo-stops-cat-15 in 2024-03 is -1, which admission refuses ("Een aantal
    // kan niet negatief zijn") at `/records/1`, a place that is not in the file; the person event of the same message
    // IS accepted, so the message is half taken and the published stop count stays one too high.
    expect(j.summary?.rejected ?? {}).not.toHaveProperty("value")
    for (const r of j.rejections) expect(r.location).not.toHaveProperty("path", expect.stringMatching(/^\/records\//))
  })

  it("a file name with a BSN written with dots (999.900.006) is refused like one written as nine digits", async () => {
    const csv = "bsn;gemeente;soort;datum\n999900067;GM0402;einde;2024-03-15\n"
    const sent = await send(aftercare, "detentie", "nazorg client 999.900.006.csv", csv)
    // FAILS: accepted (202) and stored under that name in the job, the delivery and the processing log.
    expect(sent.status).toBe(400)
  })

  it("the server keeps answering while one message with 2,000 corrections of one allocation is published", async () => {
    const bsn = "999980051"
    await deliver(
      victim,
      "iwmo",
      "start4.xml",
      support({ n: "305", bsn, nummer: "777004", begin: "2024-01-10", status: "1", id: "S777004" }),
    )
    await deliver(
      victim,
      "iwmo",
      "stop4.xml",
      support({
        n: "307",
        bsn,
        nummer: "777004",
        begin: "2024-01-10",
        end: "2024-03-31",
        reden: "19",
        status: "1",
        id: "E777004",
      }),
    )
    const one = support({
      n: "307",
      bsn,
      nummer: "777004",
      begin: "2024-01-10",
      end: "2024-03-31",
      reden: "19",
      status: "2",
      id: "M777004",
    })
    const [head, rest] = one.split("<wmo307:StopProduct>")
    const [product, tail] = (rest as string).split("</wmo307:StopProduct>")
    const many = `${head}${Array.from({ length: 2_000 }, () => `<wmo307:StopProduct>${product}</wmo307:StopProduct>`).join("\n")}${tail}`
    const sent = await send(victim, "iwmo", "correcties.xml", many)
    expect(sent.status).toBe(202)
    const slow: Array<number> = []
    const started = Date.now()
    for (;;) {
      const t = Date.now()
      const ok = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.status === 200,
        () => false,
      )
      if (!ok) slow.push(Date.now() - started)
      const j = await fetch(`${server.url}/api/deliveries/${sent.body.id}`, {
        headers: { authorization: `Bearer ${tokens[victim]}` },
        signal: AbortSignal.timeout(2_000),
      }).then(
        (r) => r.json() as Promise<Job>,
        () => undefined,
      )
      if (j !== undefined && (j.status === "stored" || j.status === "refused")) break
      if (Date.now() - started > 240_000) break
      await new Promise((r) => setTimeout(r, Math.max(0, 500 - (Date.now() - t))))
    }
    // FAILS: pairing takes one statement per correction ("round") inside the publishing transaction, which holds
    // the embedded store's one connection: /readyz, the pages and the API wait for all of it (2,000 corrections: about
    // half a minute; 10,000 in a 5 MB file: minutes; a message may hold 100,000).
    expect(slow).toEqual([])
  }, 300_000)

  it("the flow measures can be read (as published figures) through indicator.values", async () => {
    for (const id of ["bo-uitstroom", "nazorg-detentie-30d", "bo-verblijfsduur-mediaan"]) {
      const answer = await fetch(
        `${server.url}/trpc/indicator.values?input=${encodeURIComponent(JSON.stringify({ indicators: [id], periods: ["2024"] }))}`,
      )
      // FAILS: "er is geen indicator bo-uitstroom": no plan lists the flow measures, so they are computed and kept
      // but never published (and `Figures.canonical` gives `Publication.publish` no `medians`, so the median would
      // be NoData everywhere even when a plan lists it).
      expect(answer.status).toBe(200)
    }
  })
})
