import { describe, expect, it } from "vitest"
import { create, errorCode } from "../src/Client.js"

describe("the client", () => {
  it("sends the token as a bearer header to <url>/trpc, batching calls", async () => {
    const seen: Array<{ url: string; auth: string | null }> = []
    const fetch = async (input: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(input), auth: new Headers(init?.headers).get("authorization") })
      return Response.json([{ result: { data: [] } }])
    }
    const client = create({ url: "http://127.0.0.1:3000/", token: "bkn_x", fetch })
    expect(await client.plan.list.query()).toEqual([])
    expect(seen[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/trpc\/plan\.list\?batch=1/)
    expect(seen[0]?.auth).toBe("Bearer bkn_x")
  })

  it("reads the tRPC code of a failed call", async () => {
    const fetch = async () =>
      Response.json(
        {
          error: {
            message: "input.plan: expected a slug",
            code: -32600,
            data: { code: "BAD_REQUEST", httpStatus: 400 },
          },
        },
        { status: 400 },
      )
    const client = create({ url: "http://127.0.0.1:3000", batch: false, fetch })
    const error = await client.plan.get.query({ plan: "x" } as never).catch((e: unknown) => e)
    expect(errorCode(error)).toBe("BAD_REQUEST")
    expect(errorCode(new Error("other"))).toBeUndefined()
  })
})
