import { describe, expect, it } from "vitest"
import { ConfigError, fromEnv } from "../src/ServerConfig.js"

describe("configuration from the environment", () => {
  it("has working defaults: 127.0.0.1:3000, CORS off, the embedded store in ./data", () => {
    const config = fromEnv({})
    expect(config.host).toBe("127.0.0.1")
    expect(config.port).toBe(3000)
    expect(config.corsOrigins).toEqual([])
    expect(config.database).toEqual({ _tag: "Embedded", dataDir: "./data" })
  })

  it.each([
    [{ PORT: "eighty" }, /^PORT must be a whole number from 0 to 65535, but is "eighty"$/],
    [{ BAKEN_CORS_ORIGINS: "*" }, /^BAKEN_CORS_ORIGINS must list origins/],
    [{ BAKEN_PSEUDONYM_SECRET: "short" }, /^BAKEN_PSEUDONYM_SECRET must be at least 32 characters, but has 5$/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL must be one of/],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL must be a postgres:\/\/ URL/],
  ])("refuses %j with one line naming the variable", (env, message) => {
    expect(() => fromEnv(env)).toThrow(ConfigError)
    try {
      fromEnv(env)
    } catch (error) {
      expect((error as Error).message).toMatch(message)
      expect((error as Error).message).not.toContain("\n")
    }
  })
})
