// The public, a partner and a municipality as adversaries of a real `baken serve --demo` process on PostgreSQL, over
// HTTP only: each tries to learn or change what it may not. Without a reachable server at 127.0.0.1:5432 this file
// is skipped with one line saying why, except in CI (CI=true), where an unreachable server fails the run.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, type ServerProcess, startServer } from "./processes.js"
import { postgresSchema } from "./settings.js"

const { env, skip, drop } = await postgresSchema("adversary", "the adversary suite")

let server: ServerProcess | undefined
const tokens: Record<string, string> = {}
const token = (...args: ReadonlyArray<string>) => {
  const created = runCli(["--json", "token", "create", ...args, "--label", "TEST adversary", "--days", "1"], env)
  return (JSON.parse(created.stdout) as { secret: string }).secret
}

type Answer = { readonly status: number; readonly body: { result?: { data: unknown }; error?: { message: string } } }
const call = async (path: string, input: unknown, secret?: string, method = "GET"): Promise<Answer> => {
  const base = server?.url ?? ""
  const headers: Record<string, string> = secret === undefined ? {} : { authorization: `Bearer ${secret}` }
  const response =
    method === "GET"
      ? await fetch(`${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(`${base}/trpc/${path}`, {
          method,
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify(input),
        })
  return { status: response.status, body: (await response.json()) as Answer["body"] }
}
type Table = {
  readonly municipalities: ReadonlyArray<string>
  readonly periods: ReadonlyArray<string>
  readonly cells: ReadonlyArray<ReadonlyArray<{ readonly _tag: string; readonly value?: number }>>
  readonly regionTotals: ReadonlyArray<{ readonly _tag: string; readonly value?: number }>
}
const values = async (input: unknown, secret?: string) => {
  const answer = await call("indicator.values", input, secret)
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body.result?.data as ReadonlyArray<Table>
}

beforeAll(async () => {
  if (skip !== undefined) return
  expect(runCli(["migrate"], env).status).toBe(0)
  server = await startServer(["--demo"], env)
  tokens.region = server.token ?? ""
  tokens.zorg = token("--audience", "partner", "--partner", "voorbeeld-zorgaanbieder")
  tokens.politie = token("--audience", "partner", "--partner", "politie")
  tokens.blaricum = token("--audience", "municipality", "--municipality", "GM0376")
}, 120_000)

afterAll(async () => {
  await server?.stop()
  drop()
})

const periods = ["2023", "2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
const members = ["GM0317", "GM0376", "GM0402", "GM0406", "GM0417", "GM1696", "GM1942"]

describe.skipIf(skip !== undefined)("the public as an adversary", () => {
  it("cannot multiply a hidden cell by asking for one municipality fifty times", async () => {
    const answer = await call("indicator.values", {
      indicators: ["bw-instroom"],
      periods: ["2023"],
      municipalities: Array.from({ length: 50 }, () => "GM1942"),
    })
    expect(answer.status).toBe(400)
    expect(answer.body.error?.message).toContain("input.municipalities[1]")
  })

  it("gets every cell the same in every query, so no two answers can be set against each other", async () => {
    const [whole] = await values({ indicators: ["bw-instroom"], periods })
    const cellOf = (t: Table, m: string, p: string) => t.cells[t.municipalities.indexOf(m)]?.[t.periods.indexOf(p)]
    expect(whole?.cells.flat().some((c) => c._tag === "Suppressed")).toBe(true)
    for (const [i, m] of members.entries()) {
      const subset = [m, ...members.slice(i + 1, i + 3)]
      const asked = periods.filter((_, j) => (i + j) % 2 === 0)
      const [part] = await values({ indicators: ["bw-instroom"], periods: asked, municipalities: subset })
      for (const mm of subset)
        for (const p of asked) expect(cellOf(part as Table, mm, p)).toEqual(cellOf(whole as Table, mm, p))
      for (const [j, p] of asked.entries())
        expect(part?.regionTotals[j]).toEqual(whole?.regionTotals[periods.indexOf(p)])
    }
  })

  it("reads a rate per 1,000 as a rate, neither 0 nor a rounded count", async () => {
    const [rate] = await values({ indicators: ["bw-instroom-per-1000"], periods: ["2023"] })
    const region = rate?.regionTotals[0]
    expect(region?._tag).toBe("Shown")
    expect(region?.value).toBeGreaterThan(0)
    expect(region?.value).toBeLessThan(5)
    expect(Number.isInteger(region?.value)).toBe(false)
  })

  it("cannot see a draft plan nor its targets", async () => {
    const draft = {
      id: "test-geheim-concept",
      region: "gooi-en-vechtstreek",
      title: "TEST geheim concept",
      kenmerk: "26.000001",
      firstYear: 2026,
      lastYear: 2029,
      taskAreas: ["beschermd-wonen"],
      linkedDomains: [],
    }
    expect((await call("plan.create", draft, tokens.region, "POST")).status).toBe(200)
    expect((await call("plan.get", { plan: draft.id })).status).toBe(404)
    expect((await call("indicator.targets", { plan: draft.id })).status).toBe(404)
    expect((await call("indicator.dashboard", { plan: draft.id, periods: ["2026"] })).status).toBe(404)
    const dashboard = await fetch(`${server?.url}/api/dashboard?plan=${draft.id}&periods=2026`)
    expect(dashboard.status).toBe(404)
    expect((await call("plan.get", { plan: draft.id }, tokens.blaricum)).status).toBe(404)
    expect((await call("plan.get", { plan: draft.id }, tokens.region)).status).toBe(200)
  })
})

describe.skipIf(skip !== undefined)("a municipality as an adversary", () => {
  it("sees other municipalities' cells exactly as the public does", async () => {
    const [asPublic] = await values({ indicators: ["mo-instroom"], periods })
    const [asBlaricum] = await values({ indicators: ["mo-instroom"], periods }, tokens.blaricum)
    expect(asBlaricum?.cells).toEqual(asPublic?.cells)
    expect(asBlaricum?.regionTotals).toEqual(asPublic?.regionTotals)
  })

  it("cannot read partners' deliveries or their rejections", async () => {
    expect((await call("delivery.list", {}, tokens.blaricum)).status).toBe(403)
    expect((await call("delivery.rejections", { sourceHash: "ab".repeat(32) }, tokens.blaricum)).status).toBe(403)
  })
})

describe.skipIf(skip !== undefined)("a partner as an adversary", () => {
  const observation = (indicator: string, value: number) => ({
    indicator,
    area: "GM0376",
    period: "2023-Q1",
    value,
    source: "observations-csv",
  })
  const push = (secret: string, records: ReadonlyArray<unknown>, hash: string) =>
    call(
      "delivery.push",
      { adapter: "observations-csv", sourceName: "TEST.csv", sourceHash: hash, records, rejections: [] },
      secret,
      "POST",
    )

  it("the police cannot change sheltered-housing figures, not even by +1", async () => {
    const before = await values({ indicators: ["bw-instroom"], periods })
    const answer = await push(tokens.politie ?? "", [observation("bw-instroom", 1)], "a1".repeat(32))
    expect([400, 403]).toContain(answer.status)
    expect(await values({ indicators: ["bw-instroom"], periods })).toEqual(before)
  })

  it("a care provider cannot push a negative count to walk a hidden cell down", async () => {
    const answer = await call(
      "delivery.push",
      {
        adapter: "iwmo",
        sourceName: "TEST.xml",
        sourceHash: "b2".repeat(32),
        records: [{ ...observation("bw-instroom", -6), source: "iwmo" }],
        rejections: [],
      },
      tokens.zorg,
      "POST",
    )
    expect(answer.status).toBe(400)
  })

  it("learns nothing of another partner's delivery by sending its source hash", async () => {
    const listed = await call("delivery.list", {}, tokens.region)
    const deliveries = (listed.body.result?.data ?? []) as ReadonlyArray<{
      header: { sourceHash: string; sourceName: string }
    }>
    const theirs = deliveries[0]
    expect(theirs).toBeDefined()
    const answer = await call("delivery.rejections", { sourceHash: theirs?.header.sourceHash }, tokens.politie)
    expect(answer.status).toBe(404)
    expect(JSON.stringify(answer.body)).not.toContain(theirs?.header.sourceName ?? "?")
  })
})
