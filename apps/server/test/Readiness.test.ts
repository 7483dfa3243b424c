// /readyz on a busy store: the bench showed a p99 of 549 ms while a large delivery was stored, because the check's
// query waited behind the delivery's writes. Readiness answers from a recent success while a check is under way.
import { describe, expect, it } from "vitest"
import { recentlyReady } from "../src/App.js"

/** A check that answers when told to, and counts how often it was asked. */
const controlled = () => {
  const pending: Array<(ok: boolean) => void> = []
  return {
    check: () => new Promise<boolean>((resolve) => pending.push(resolve)),
    answer: (ok: boolean) => pending.shift()?.(ok),
    asked: () => pending.length,
  }
}

describe("readiness", () => {
  it("waits for the first check, then answers from a recent success while the next check is under way", async () => {
    let time = 0
    const c = controlled()
    const ready = recentlyReady(c.check, 5_000, () => time)
    const first = ready()
    c.answer(true)
    expect(await first).toBe(true)
    time = 1_000
    // The store is busy: the check does not come back, yet readiness answers at once, and asks only once.
    expect(await ready()).toBe(true)
    expect(await ready()).toBe(true)
    expect(c.asked()).toBe(1)
  })

  it("is not ready once the last success is older than the freshness, while the store does not answer", async () => {
    let time = 0
    const c = controlled()
    const ready = recentlyReady(c.check, 5_000, () => time)
    const first = ready()
    c.answer(true)
    await first
    time = 1_000
    await ready()
    time = 7_000
    const late = ready()
    c.answer(false)
    expect(await late).toBe(false)
  })

  it("a failed check is not ready, and a check that throws counts as failed", async () => {
    const ready = recentlyReady(() => Promise.reject(new Error("store gone")))
    expect(await ready()).toBe(false)
  })
})
