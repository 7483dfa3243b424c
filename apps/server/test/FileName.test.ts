// The name a partner gives an uploaded file: kept only when it holds no BSN in any spelling (an outside tester's
// finding F5b), since it is shown to the region and kept in the job, the delivery and the processing log.
import { describe, expect, it } from "vitest"
import { fileName } from "../src/Deliveries.js"

describe("an uploaded file's name", () => {
  it("is refused when it holds a BSN, plain or written with dots, spaces, underscores, full-width or zero-width", () => {
    for (const name of [
      "nazorg 999900006.csv",
      "nazorg client 999.900.006.csv",
      "client 9999 000 43.csv",
      "client_999_900_006.csv",
      "client-\uff19\uff19\uff19\uff19\uff10\uff10\uff10\uff10\uff16.csv",
      "client 999\u200b900\u200b006.csv",
      "client 999\u00a0900\u202f006.csv",
    ]) {
      expect(fileName(name), name).toMatchObject({ error: expect.stringMatching(/negen cijfers/) })
    }
  })

  it("is kept with a date, a period, a kenmerk or a ten-digit number in it", () => {
    for (const name of [
      "levering 2024-03-15.csv",
      "instroom 2024-03.csv",
      "ZK-2023-0412 export.csv",
      "iban 0417164300.csv",
    ]) {
      expect(fileName(name), name).toEqual({ name })
    }
  })
})
