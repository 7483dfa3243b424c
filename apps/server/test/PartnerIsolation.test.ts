import { AdminRouter, PlanEntities } from "@baken/api"
import { Partner } from "@baken/domain"
import { PlanRepository } from "@baken/store"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as App from "../src/App.js"
import * as Demo from "../src/Demo.js"
import * as Runtime from "../src/Runtime.js"
import { appConfig } from "./settings.js"

const runtime = Runtime.make({ database: { _tag: "Embedded" }, pseudonymSecret: undefined })
const config = appConfig({ bodyLimit: 64 * 1024, uploadLimit: 64 * 1024 })
const app = App.make({ runtime, config })

const partnerB = new Partner.Partner({
  id: "test-partner-b" as never,
  name: "TEST partner B",
  kind: "zorgaanbieder",
  adapters: ["template-csv" as never],
})
const tokens = { a: "", b: "" }
const hash = "f0".repeat(32)
const secretName = "A-wachtlijst-vertrouwelijk.csv"

const token = (partner: string) =>
  runtime
    .runPromise(
      AdminRouter.issueToken({ audience: "partner", partner: partner as never, label: "isolation test", days: 1 }),
    )
    .then((t) => t.secret)

const post = (path: string, secret: string, body: unknown) =>
  app.request(`/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: JSON.stringify(body),
  })
const get = (path: string, secret: string, input: unknown) =>
  app.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { authorization: `Bearer ${secret}` },
  })

const event = {
  person: "ab".repeat(32),
  kind: "allocation-granted",
  date: "2024-03-01",
  municipality: "GM0402",
  source: "template-csv",
}

beforeAll(async () => {
  await runtime.runPromise(
    Effect.andThen(
      Demo.load,
      PlanRepository.PlanRepository.use((repo) => repo.put(PlanEntities.partner, partnerB)),
    ),
  )
  tokens.a = await token(Demo.demoPartner.id)
  tokens.b = await token(partnerB.id)
  const a = await post("delivery.push", tokens.a, {
    adapter: "template-csv",
    sourceName: secretName,
    sourceHash: hash,
    records: [event],
    pseudonyms: "oprf-ristretto255-sha512-v1",
    rejections: [
      {
        location: { file: secretName, line: 3 },
        rule: "bsn-eleven-test",
        message: { nl: "Het BSN voldoet niet aan de elfproef.", en: "The BSN fails the eleven-test." },
      },
    ],
  })
  expect(a.status).toBe(200)
})
afterAll(() => runtime.dispose())

describe("over HTTP, partner B learns nothing of partner A's delivery", () => {
  it("pushing A's source hash gives B its own new delivery, not A's header or summary", async () => {
    const res = await post("delivery.push", tokens.b, {
      adapter: "template-csv",
      sourceName: "b.csv",
      sourceHash: hash,
      records: [],
      rejections: [],
    })
    const text = await res.text()
    expect(res.status).toBe(200)
    expect(text).not.toContain(secretName)
    expect(text).not.toContain(Demo.demoPartner.id)
    const body = JSON.parse(text) as { result: { data: { duplicate: boolean; header: { partner: string } } } }
    expect(body.result.data.duplicate).toBe(false)
    expect(body.result.data.header.partner).toBe(partnerB.id)
  })

  it("B's lists and rejection look-ups never carry A's delivery, even when B names A", async () => {
    for (const res of [
      await get("delivery.list", tokens.b, {}),
      await get("delivery.list", tokens.b, { partner: Demo.demoPartner.id }),
      await get("delivery.rejections", tokens.b, { sourceHash: hash }),
      await get("delivery.rejections", tokens.b, { sourceHash: hash, partner: Demo.demoPartner.id }),
    ]) {
      const text = await res.text()
      expect(text).not.toContain(secretName)
      expect(text).not.toContain("elfproef")
    }
    const own = await get("delivery.rejections", tokens.b, { sourceHash: hash })
    expect(((await own.json()) as { result: { data: { rejections: unknown[] } } }).result.data.rejections).toEqual([])
  })

  it("A still finds its own delivery and its rejections by the same hash", async () => {
    const res = await get("delivery.rejections", tokens.a, { sourceHash: hash })
    const body = (await res.json()) as {
      result: { data: { delivery: { header: { sourceName: string } }; rejections: unknown[] } }
    }
    expect(body.result.data.delivery.header.sourceName).toBe(secretName)
    expect(body.result.data.rejections).toHaveLength(1)
  })
})
