// A second region served with no code change: the domain's made-up example region (four made-up municipalities with
// made-up CBS codes, Veenmeer joining on 1 January 2025, the plan "Beschermd Thuis 2024-2027" with two programmes),
// handed to the real `baken serve --region <file>` on a fresh embedded store and read over real HTTP.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, type ServerProcess, startServer } from "./processes.js"

const example = fileURLToPath(new URL("../../../packages/domain/examples/voorbeeldregio.json", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "baken-second-region-"))
const file = join(dir, "heuvelrand.json")
copyFileSync(example, file)
const env = { BAKEN_DATA_DIR: join(dir, "data") }

let server: ServerProcess
const get = (path: string) => fetch(`${server.url}${path}`)
const trpc = async (path: string, input?: unknown) => {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`
  const res = await get(`/trpc/${path}${query}`)
  expect(res.status, path).toBe(200)
  return ((await res.json()) as { result: { data: unknown } }).result.data
}

beforeAll(async () => {
  server = await startServer(["--region", file], env)
}, 120_000)
afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe("baken serve --region with another region's definition", () => {
  it("names that region and its municipalities on the public pages, and never Gooi en Vechtstreek", async () => {
    for (const path of ["/", "/gemeenten", "/gemeenten/GM9904", "/niemand-uit-beeld", "/programmas/thuis-in-de-wijk"]) {
      const res = await get(path)
      expect(res.status, path).toBe(200)
      const html = await res.text()
      expect(html, path).toContain("Regio Heuvelrand (voorbeeldregio)")
      expect(html, path).toContain("<title>")
      expect(html, path).not.toMatch(/Gooi|Vechtstreek|Hilversum/)
    }
    const index = await (await get("/gemeenten")).text()
    for (const name of ["Heuveldorp", "Rivierstad", "Duinhout", "Veenmeer"]) expect(index).toContain(name)
    expect(index).toContain("De gemeenten die lid zijn of waren van de regio Heuvelrand.")
    // The region's own disclosure rules (threshold 5, no rounding) are the ones the footer explains.
    expect(index).toContain(
      "Gepubliceerde aantallen volgen de regels van de regio: aantallen onder de 5 worden niet getoond.",
    )
  })

  it("answers the API with the region, its municipalities and its plan with two programmes", async () => {
    expect(await trpc("region.get")).toMatchObject({
      id: "heuvelrand",
      name: "Regio Heuvelrand (voorbeeldregio)",
      firstYear: 2024,
      lastYear: 2027,
    })
    const members = (await trpc("municipality.membersOn", { on: "2025-06-01" })) as { members: Array<{ name: string }> }
    expect(members.members.map((m) => m.name).sort()).toEqual(["Duinhout", "Heuveldorp", "Rivierstad", "Veenmeer"])
    const before = (await trpc("municipality.membersOn", { on: "2024-06-01" })) as { members: Array<{ name: string }> }
    expect(before.members.map((m) => m.name)).not.toContain("Veenmeer")
    const plans = JSON.stringify(await trpc("plan.list"))
    expect(plans).toContain("Beschermd Thuis 2024-2027")
    expect(plans).toContain("ZK/2023/0412")
    const plan = JSON.stringify(await trpc("plan.get", { plan: "bt-2024-2027" }))
    expect(plan).toContain("Thuis in de wijk")
    expect(plan).toContain("Veilig verder")
  })

  it("keeps the running plan adopted with the municipality that joined on 1 January 2025", async () => {
    const status = JSON.stringify(await trpc("plan.status", { plan: "bt-2024-2027" }))
    expect(status).toContain('"adopted":true')
    expect(status).toContain("Veenmeer is op 1 januari 2025 tot de regio toegetreden")
  })

  it("checks a partner's file with baken ingest against the region BAKEN_REGION names, not Gooi en Vechtstreek", () => {
    const csv = join(dir, "instroom.csv")
    writeFileSync(csv, "indicator;gemeente;periode;waarde\r\nbt-instroom;GM9902;2026-11;12\r\n")
    const own = runCli(["--json", "ingest", "--adapter", "observations-csv", csv], { BAKEN_REGION: file })
    expect(own.status).toBe(0)
    expect(
      (JSON.parse(own.stdout) as Array<{ summary: { accepted: Record<string, number> } }>)[0]?.summary.accepted,
    ).toEqual({ observation: 1 })
    const gooi = runCli(["ingest", "--adapter", "observations-csv", csv], { BAKEN_REGION: "" })
    expect(gooi.stdout).toContain("periode 2026-11 valt buiten het plan")
  })

  it("stops with exit code 3 and the file's refusals in Dutch when the definition is wrong", () => {
    const bad = join(dir, "kapot.json")
    writeFileSync(bad, JSON.stringify({ version: 1, region: { id: "x", name: "", areas: [], memberships: [] } }))
    const result = runCli(["serve", "--region", bad], { BAKEN_DATA_DIR: join(dir, "other") })
    expect(result.status).toBe(3)
    expect(result.stderr).toMatch(/^baken: de regiodefinitie .*kapot\.json is geweigerd: region\.name: /)
    expect(result.stderr).toContain("municipalities: ontbreekt")
  })
})
