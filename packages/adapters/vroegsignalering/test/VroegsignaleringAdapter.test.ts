import { readdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Format, Scope } from "@baken/adapter-csv"
import { formatSuite, runFile } from "@baken/adapter-csv/testing"
import { Pseudonymiser, Source } from "@baken/adapter-kit"
import { testSecret } from "@baken/adapter-kit/testing"
import { CalendarDate, Period } from "@baken/domain"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import { Effect, Layer, Stream } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { VroegsignaleringAdapter, VroegsignaleringFormat } from "../src/index.js"

const dir = fileURLToPath(new URL("./fixtures", import.meta.url))
/** The adapter as a server serving Gooi en Vechtstreek runs it: the standard fixtures are written against that region. */
const adapter = VroegsignaleringAdapter.make(Scope.ofRegion(gooiEnVechtstreek))
const header = Format.header(VroegsignaleringFormat.format)

const read = (csv: string) =>
  Effect.runPromise(
    Stream.runCollect(adapter.read(Source.bytes("vs.csv", csv))).pipe(
      Effect.provide(Layer.orDie(Pseudonymiser.Pseudonymiser.layer(testSecret))),
    ),
  )

formatSuite(adapter, {
  dir,
  recordsPerRow: 1,
  aggregated: false,
  header: header,
  streamingRow: (i) => `999900006;GM0402;2024-0${(i % 9) + 1}-1${i % 10};vroegsignaal;huur;`,
  streamingRows: 3000,
})

describe("the vroegsignalering format", () => {
  it("puts no BSN of any fixture into any output, accepted or rejected", async () => {
    for (const name of readdirSync(dir)) {
      const output = JSON.stringify(await runFile(adapter, dir, name))
      expect(output, name).not.toMatch(/9999000\d\d/)
    }
  })

  it("turns the rows into pseudonymised person events, the same pseudonym for the same BSN", async () => {
    const items = await runFile(adapter, dir, "valid.csv")
    const events = items.flatMap((i) => (i._tag === "Accepted" && "person" in i.record ? [i.record] : []))
    expect(events.slice(0, 4).map((e) => [e.kind, e.date, e.municipality, e.category, e.reason])).toEqual([
      ["debt-signal-received", "2024-01-08", "GM0402", "huur", undefined],
      ["contact-attempted", "2024-01-15", "GM0402", undefined, "contact"],
      ["help-accepted", "2024-01-22", "GM0402", undefined, undefined],
      ["case-closed", "2024-03-01", "GM0402", undefined, "betalingsregeling"],
    ])
    expect(new Set(events.slice(0, 4).map((e) => e.person)).size).toBe(1)
    expect(events[0]?.person).toMatch(/^[0-9a-f]{64}$/)
    expect(events[4]?.person).not.toBe(events[0]?.person)
  })

  it("rejects a BSN that fails the eleven-test at the bsn column, without echoing it", async () => {
    const items = await read(`${header}\n123456789;GM0402;2024-01-08;vroegsignaal;huur;\n`)
    expect(
      items.map((i) =>
        i._tag === "Rejected" ? [i.rejection.rule, i.rejection.location.line, i.rejection.location.column] : i._tag,
      ),
    ).toEqual([["bsn-eleven-test", 2, 1]])
    expect(JSON.stringify(items)).not.toContain("123456789")
  })

  it("asks for a soort on a vroegsignaal and a resultaat on a contactpoging", async () => {
    const items = await read(
      `${header}\n999900006;GM0402;2024-01-08;vroegsignaal;;\n999900006;GM0402;2024-01-09;contactpoging;;\n`,
    )
    expect(
      items.map((i) =>
        i._tag === "Rejected" ? [i.rejection.rule, i.rejection.field, i.rejection.location.column] : i._tag,
      ),
    ).toEqual([
      ["field-of-event", "soort", 5],
      ["field-of-event", "resultaat", 6],
    ])
  })

  it("takes a row's period as the month of its date, the same period the domain's Period.ofDate gives", () => {
    const periodOf = VroegsignaleringFormat.format.periodOf
    if (periodOf === undefined) throw new Error("the format names its period through periodOf")
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01"), max: new Date("2999-12-31"), noInvalidDate: true }), (d) => {
        const datum = CalendarDate.CalendarDate.make(d.toISOString().slice(0, 10))
        const row = { datum } as unknown as Parameters<typeof periodOf>[0]
        expect(periodOf(row)).toBe(Period.ofDate(datum, "month"))
      }),
    )
  })
})
