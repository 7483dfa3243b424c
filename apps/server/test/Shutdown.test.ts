import { AdminRouter, Environment, PlanEntities } from "@baken/api"
import { create } from "@baken/client"
import { DeliveryRights } from "@baken/domain"
import { PlanRepository } from "@baken/store"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Demo from "../src/Demo.js"
import * as Log from "../src/Log.js"
import * as Server from "../src/Server.js"
import { fromEnv } from "../src/ServerConfig.js"

const observations = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    indicator: Demo.demoIndicator.id,
    area: "GM0402",
    period: `20${22 + (i % 4)}-Q${(i % 4) + 1}`,
    value: i % 50,
    source: "observations-csv",
  }))

describe("graceful shutdown", () => {
  it("finishes a running delivery before the database closes, and refuses new ones", async () => {
    const config = fromEnv({ BAKEN_DATA_DIR: "memory", PORT: "0", BAKEN_UPLOAD_LIMIT_BYTES: String(64 * 1024 * 1024) })
    const running = await Server.start(config, { logger: Log.silent })
    // The demo partner may deliver the demo indicator through the generic observations CSV.
    await running.runtime.runPromise(
      Effect.andThen(
        Demo.load,
        PlanRepository.PlanRepository.use((repo) =>
          repo.put(
            PlanEntities.deliveryRights,
            DeliveryRights.DeliveryRights.make({
              partner: Demo.demoPartner.id,
              adapters: ["observations-csv" as never],
              indicators: [Demo.demoIndicator.id],
            }),
          ),
        ),
      ),
    )
    const issued = await running.runtime.runPromise(
      AdminRouter.issueToken({
        audience: "partner",
        partner: "demo-zorgaanbieder" as never,
        label: "shutdown test",
        days: 1,
      }),
    )
    const client = create({ url: running.url, token: issued.secret, batch: false })
    const push = client.delivery.push.mutate({
      adapter: "observations-csv",
      sourceName: "large.json",
      sourceHash: "a".repeat(64),
      records: observations(20_000),
      rejections: [],
    } as never)
    // Wait until the delivery is inside the gate, then shut down as SIGTERM would.
    const gate = Environment.DeliveryGate.use((g) => g.running)
    while ((await running.runtime.runPromise(gate)) === 0) await new Promise((r) => setTimeout(r, 5))
    const closed = running.close()
    const refused = await running.runtime.runPromiseExit(Environment.DeliveryGate.use((g) => g.run(Effect.void)))
    expect(refused._tag).toBe("Failure")
    expect(String(refused)).toContain("shutting down")
    const stored = (await push) as { summary: { accepted: Record<string, number> }; duplicate: boolean }
    expect(stored.duplicate).toBe(false)
    expect(Object.values(stored.summary.accepted).reduce((a, b) => a + b, 0)).toBe(20_000)
    await closed
    await expect(running.runtime.runPromise(Effect.void)).rejects.toBeDefined()
  })
})
