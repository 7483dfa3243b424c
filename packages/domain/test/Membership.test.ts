import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import * as fc from "fast-check"
import { CalendarDate, Membership, Region } from "../src/index.js"
import * as A from "./arbitraries.js"
import * as Ref from "./fixtures/reference.js"

const d = CalendarDate.CalendarDate.make
const region = Ref.gooiEnVechtstreek

describe("Membership", () => {
  it("Weesp is a member on 23 March 2022 and no member from 24 March 2022", () => {
    expect(Membership.isMemberOn(region, Ref.weesp.code, d("2022-03-23"))).toBe(true)
    expect(Membership.isMemberOn(region, Ref.weesp.code, d("2022-03-24"))).toBe(false)
    expect(Membership.membersOn(region, d("2022-03-24"))).not.toContain(Ref.weesp.code)
  })

  it("Gooise Meren is a member from 1 January 2016, Bussum, Naarden and Muiden until the day before", () => {
    const before = Membership.membersOn(region, d("2015-12-31"))
    const after = Membership.membersOn(region, d("2016-01-01"))
    expect(before).toEqual(expect.arrayContaining([Ref.bussum.code, Ref.naarden.code, Ref.muiden.code]))
    expect(before).not.toContain(Ref.gooiseMeren.code)
    expect(after).toContain(Ref.gooiseMeren.code)
    expect(after).not.toContain(Ref.bussum.code)
  })

  it("has eight members in 2021 and seven after Weesp left", () => {
    expect(Membership.membersOn(region, d("2021-12-23"))).toHaveLength(8)
    expect(Membership.membersOn(region, d("2022-06-01"))).toHaveLength(7)
  })

  it("membersOn agrees with every membership interval", () => {
    fc.assert(
      fc.property(A.region, A.calendarDate, (r, date) => {
        const members = Membership.membersOn(r, date)
        for (const m of r.memberships) if (Membership.covers(m, date)) expect(members).toContain(m.municipality)
        for (const code of members) {
          expect(r.memberships.some((m) => m.municipality === code && Membership.covers(m, date))).toBe(true)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it("counts a municipality as member throughout a range exactly when it is a member on each of its days", () => {
    fc.assert(
      fc.property(
        A.region,
        A.calendarDate,
        fc.nat(),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: 0, max: 40 }),
        (r, random, pick, offset, length) => {
          // Start near a membership boundary, where the rule can go wrong, when the region has one.
          const boundaries = r.memberships.flatMap((m) => [m.from, m.until].filter((x) => x !== undefined))
          const anchor = boundaries.length === 0 ? random : (boundaries[pick % boundaries.length] ?? random)
          const from = CalendarDate.addDays(anchor, offset)
          const to = CalendarDate.addDays(from, length)
          for (const code of Region.everMembers(r)) {
            let everyDay = true
            let someDay = false
            for (let day = from; day <= to; day = CalendarDate.next(day)) {
              const member = Membership.isMemberOn(r, code, day)
              everyDay &&= member
              someDay ||= member
            }
            expect(Membership.isMemberThroughout(r, code, from, to)).toBe(everyDay)
            expect(Membership.membersAtSomePoint(r, from, to).includes(code)).toBe(someDay)
          }
        },
      ),
      { numRuns: 1000 },
    )
  })

  it("treats adjacent intervals as unbroken membership", () => {
    const r = {
      memberships: [
        new Membership.Membership({ municipality: Ref.laren.code, until: d("2020-12-31") }),
        new Membership.Membership({ municipality: Ref.laren.code, from: d("2021-01-01") }),
      ],
    }
    expect(Membership.isMemberThroughout(r, Ref.laren.code, d("2020-06-01"), d("2021-06-01"))).toBe(true)
  })

  it("refuses a membership that ends before it starts, saying so", () => {
    expect(() =>
      Schema.decodeUnknownSync(Membership.Membership)({
        municipality: "GM0417",
        from: "2022-01-02",
        until: "2022-01-01",
      }),
    ).toThrow("a membership cannot end (2022-01-01) before it starts (2022-01-02)")
  })

  it("refuses a region in which one municipality has overlapping memberships", () => {
    const encoded = Schema.encodeSync(Region.Region)(region)
    const overlapping = {
      ...encoded,
      memberships: [...encoded.memberships, { municipality: "GM0457", from: "2022-01-01", until: "2022-12-31" }],
    }
    expect(() => Schema.decodeUnknownSync(Region.Region)(overlapping)).toThrow(
      "GM0457 has two memberships that share a day",
    )
  })
})
