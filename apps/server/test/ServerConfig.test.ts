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

describe("sign-in with the organisation's account (OpenID Connect) from the environment", () => {
  const oidc = {
    BAKEN_OIDC_ISSUER: "https://login.example.nl/realms/huizen",
    BAKEN_OIDC_CLIENT_ID: "baken",
    BAKEN_OIDC_CLIENT_SECRET: "geheim",
    BAKEN_PUBLIC_URL: "https://baken.example.nl/",
    BAKEN_OIDC_ROLES: "baken-regio=region,baken-huizen=municipality:GM0406",
  }

  it("is off without BAKEN_OIDC_ISSUER", () => {
    expect(fromEnv({}).oidc).toBeUndefined()
  })

  it("reads the provider, the client, the return address, the button's name and the mapping", () => {
    const config = fromEnv({ ...oidc, BAKEN_OIDC_NAME: "Gemeente-account" }).oidc
    expect(config?.issuer.href).toBe("https://login.example.nl/realms/huizen")
    expect(config?.clientId).toBe("baken")
    expect(config?.redirectUri.href).toBe("https://baken.example.nl/inloggen/terug")
    expect(config?.name).toBe("Gemeente-account")
    expect(config?.roleClaim).toBe("groups")
    expect(config?.scopes).toBe("openid profile email")
    expect(config?.roles.map((r) => r.value)).toEqual(["baken-regio", "baken-huizen"])
    expect(String(config?.clientSecret)).not.toContain("geheim")
  })

  it("takes http only for a provider on this machine", () => {
    expect(fromEnv({ ...oidc, BAKEN_OIDC_ISSUER: "http://127.0.0.1:4000" }).oidc?.issuer.host).toBe("127.0.0.1:4000")
    expect(fromEnv({ ...oidc, BAKEN_OIDC_ISSUER: "http://localhost:4000/" }).oidc?.issuer.hostname).toBe("localhost")
  })

  it.each([
    [{ BAKEN_OIDC_ISSUER: "http://login.example.nl" }, /^BAKEN_OIDC_ISSUER moet met https:\/\/ beginnen/],
    [{ BAKEN_OIDC_ISSUER: "login.example.nl" }, /^BAKEN_OIDC_ISSUER moet een volledig adres zijn/],
    [{ BAKEN_OIDC_CLIENT_ID: "" }, /^BAKEN_OIDC_CLIENT_ID ontbreekt: BAKEN_OIDC_ISSUER is gezet/],
    [{ BAKEN_OIDC_CLIENT_SECRET: " " }, /^BAKEN_OIDC_CLIENT_SECRET ontbreekt/],
    [{ BAKEN_PUBLIC_URL: "" }, /^BAKEN_PUBLIC_URL ontbreekt: .*\/inloggen\/terug/],
    [{ BAKEN_PUBLIC_URL: "http://baken.example.nl" }, /^BAKEN_PUBLIC_URL moet met https:\/\/ beginnen/],
    [{ BAKEN_PUBLIC_URL: "https://baken.example.nl/?x=1" }, /^BAKEN_PUBLIC_URL mag geen \?, # of inlognaam/],
    [{ BAKEN_OIDC_ROLES: "" }, /^BAKEN_OIDC_ROLES ontbreekt/],
    [{ BAKEN_OIDC_ROLES: "baken-regio=regio" }, /^BAKEN_OIDC_ROLES, onderdeel 1 \("baken-regio=regio"\)/],
    [{ BAKEN_OIDC_ROLES: "a=municipality:GM0363" }, /GM0363 is geen gemeente van de regio/],
    [{ BAKEN_OIDC_ROLE_CLAIM: "groepen en rollen" }, /^BAKEN_OIDC_ROLE_CLAIM moet de naam van een claim zijn/],
    [{ BAKEN_OIDC_SCOPES: "profile email" }, /^BAKEN_OIDC_SCOPES moet scopes .* openid erbij/],
    [{ BAKEN_OIDC_NAME: "<script>" }, /^BAKEN_OIDC_NAME moet een korte naam zijn/],
  ])("refuses %j with one Dutch line naming the variable", (change, message) => {
    const env = { ...oidc, ...change }
    expect(() => fromEnv(env)).toThrow(ConfigError)
    expect(() => fromEnv(env)).toThrow(message)
    try {
      fromEnv(env)
    } catch (error) {
      expect((error as Error).message).not.toContain("\n")
    }
  })

  it("refuses an OIDC variable without BAKEN_OIDC_ISSUER, rather than ignoring it", () => {
    expect(() => fromEnv({ BAKEN_OIDC_CLIENT_ID: "baken" })).toThrow(
      /^BAKEN_OIDC_CLIENT_ID is gezet, maar BAKEN_OIDC_ISSUER niet/,
    )
  })
})
