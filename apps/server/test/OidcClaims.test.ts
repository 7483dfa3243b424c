// What an OpenID Connect sign-in's claims mean to Baken: the mapping BAKEN_OIDC_ROLES describes, the caller a
// person's claims give (the most trusted audience wins, no match is no access), and what is kept of the person. The
// claims come from another system, so fast-check throws any JSON at them: nothing may throw, and nothing outside the
// mapping may give access.
import { createHash, createSecretKey, randomBytes } from "node:crypto"
import { BsnShape } from "@baken/domain"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { callerOf, claimAt, parseRoles, personOf, type RoleMap, RolesError, valuesOf } from "../src/OidcClaims.js"

const region = ["GM0406", "GM0417", "GM0402"]
const roles: RoleMap = parseRoles(
  "baken-regio=region,baken-beheer=admin,baken-huizen=municipality:GM0406,baken-laren=municipality:GM0417,baken-politie=partner:demo-politie",
  region,
)

describe("reading BAKEN_OIDC_ROLES", () => {
  it("reads value=target items into roles, in the order they are listed", () => {
    expect(parseRoles(" a=region , b=admin,c=municipality:GM0406,d=partner:veilig-thuis ", region)).toEqual([
      { value: "a", role: { audience: "region" } },
      { value: "b", role: { audience: "admin" } },
      { value: "c", role: { audience: "municipality", municipality: "GM0406" } },
      { value: "d", role: { audience: "partner", partner: "veilig-thuis" } },
    ])
  })

  it("splits an item at its last '=', so a value may hold '=' itself", () => {
    expect(parseRoles("role=x=region", region)).toEqual([{ value: "role=x", role: { audience: "region" } }])
  })

  it.each([
    ["", /^BAKEN_OIDC_ROLES is leeg/],
    [" , ", /^BAKEN_OIDC_ROLES is leeg/],
    ["baken-regio", /^BAKEN_OIDC_ROLES, onderdeel 1 \("baken-regio"\): schrijf waarde=doel/],
    ["a=region,=admin", /^BAKEN_OIDC_ROLES, onderdeel 2 \("=admin"\): schrijf waarde=doel/],
    ["a=region,b=", /^BAKEN_OIDC_ROLES, onderdeel 2 \("b="\): schrijf waarde=doel/],
    ["a=regio", /onderdeel 1 \("a=regio"\): het doel "regio" is geen admin, region/],
    ["a=public", /het doel "public" is geen/],
    ["a=municipality:Huizen", /het doel "municipality:Huizen" is geen/],
    ["a=municipality:GM9999", /GM9999 is geen gemeente van de regio \(wel: GM0406, GM0417, GM0402\)/],
    ["a=partner:Politie Gooi", /het doel "partner:Politie Gooi" is geen/],
    ["a=partner:x:y", /het doel "partner:x:y" is geen/],
    ["a=region,a=admin", /onderdeel 2 \("a=admin"\): de waarde "a" staat er al eerder in/],
  ])("refuses %j with one Dutch line naming the item", (raw, message) => {
    expect(() => parseRoles(raw, region)).toThrow(RolesError)
    expect(() => parseRoles(raw, region)).toThrow(message)
  })
})

describe("the caller a person's claims give", () => {
  it("a member of the region group is the region", () => {
    expect(callerOf({ groups: ["baken-regio"] }, "groups", roles)).toEqual({ audience: "region" })
  })

  it("a member of Huizen's group is Huizen's municipality officer", () => {
    expect(callerOf({ groups: ["iets-anders", "baken-huizen"] }, "groups", roles)).toEqual({
      audience: "municipality",
      municipality: "GM0406",
    })
  })

  it("a partner group gives the partner it names", () => {
    expect(callerOf({ groups: "baken-politie" }, "groups", roles)).toEqual({
      audience: "partner",
      partner: "demo-politie",
    })
  })

  it("of several matching groups the most trusted audience wins, whatever their order", () => {
    expect(callerOf({ groups: ["baken-politie", "baken-huizen", "baken-regio"] }, "groups", roles)).toEqual({
      audience: "region",
    })
    expect(callerOf({ groups: ["baken-regio", "baken-beheer"] }, "groups", roles)).toEqual({ audience: "admin" })
    expect(callerOf({ groups: ["baken-politie", "baken-laren"] }, "groups", roles)?.audience).toBe("municipality")
  })

  it("of two municipality groups the one listed first in the mapping wins", () => {
    expect(callerOf({ groups: ["baken-laren", "baken-huizen"] }, "groups", roles)).toEqual({
      audience: "municipality",
      municipality: "GM0406",
    })
  })

  it("no matching group, no such claim or no claims at all give no caller", () => {
    expect(callerOf({ groups: ["medewerkers"] }, "groups", roles)).toBeUndefined()
    expect(callerOf({ roles: ["baken-regio"] }, "groups", roles)).toBeUndefined()
    expect(callerOf({}, "groups", roles)).toBeUndefined()
    expect(callerOf(undefined, "groups", roles)).toBeUndefined()
  })

  it("values are compared exactly: case, spaces and look-alikes do not match", () => {
    for (const value of ["Baken-Regio", " baken-regio", "baken-regio ", "baken‐regio", "baken-regi"]) {
      expect(callerOf({ groups: [value] }, "groups", roles)).toBeUndefined()
    }
  })

  it("reads the claim named BAKEN_OIDC_ROLE_CLAIM, also by a dotted path such as realm_access.roles", () => {
    expect(callerOf({ roles: ["baken-regio"] }, "roles", roles)).toEqual({ audience: "region" })
    expect(callerOf({ realm_access: { roles: ["baken-huizen"] } }, "realm_access.roles", roles)?.audience).toBe(
      "municipality",
    )
    expect(callerOf({ "https://baken.example/roles": ["baken-regio"] }, "https://baken.example/roles", roles)).toEqual({
      audience: "region",
    })
  })

  it("a value is never looked up on an object's prototype", () => {
    const proto = parseRoles("constructor=region,__proto__=admin,toString=region", region)
    expect(callerOf({ groups: ["hasOwnProperty"] }, "groups", proto)).toBeUndefined()
    expect(claimAt({}, "constructor")).toBeUndefined()
    expect(claimAt({ a: {} }, "a.toString")).toBeUndefined()
    expect(callerOf(JSON.parse('{"__proto__": {"groups": ["baken-regio"]}}'), "groups", roles)).toBeUndefined()
  })

  it("only strings are values: numbers, booleans, objects and nested arrays match nothing", () => {
    expect(valuesOf([1, true, null, { a: "baken-regio" }, ["baken-regio"], "x"])).toEqual(["x"])
    expect(valuesOf(42)).toEqual([])
    expect(callerOf({ groups: [["baken-regio"]] }, "groups", roles)).toBeUndefined()
    expect(callerOf({ groups: { "baken-regio": true } }, "groups", roles)).toBeUndefined()
  })

  it("any JSON as claims: never throws, and a caller comes only from a value the mapping lists", () => {
    const listed = new Set(roles.map((r) => r.value))
    const claimValue = fc.oneof(
      fc.constantFrom(...listed),
      fc.string({ maxLength: 5000 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.oneof(fc.constantFrom(...listed), fc.string(), fc.integer(), fc.jsonValue()), { maxLength: 50 }),
      fc.jsonValue(),
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ groups: claimValue }, { requiredKeys: [] }),
          fc.dictionary(fc.string(), claimValue),
        ),
        (claims) => {
          const caller = callerOf(claims, "groups", roles)
          if (caller === undefined) return
          const held = valuesOf(claimAt(claims, "groups"))
          const given = roles.filter((r) => held.includes(r.value)).map((r) => r.role)
          expect(given).toContainEqual(caller)
          // And no matching role is more trusted than the one given.
          const rank: Record<string, number> = { public: 0, partner: 1, municipality: 2, region: 3, admin: 4 }
          for (const role of given) expect(rank[role.audience] ?? 0).toBeLessThanOrEqual(rank[caller.audience] ?? 0)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it("a huge claim (100,000 values, long strings) is read and matched", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `groep-${i}-${"x".repeat(50)}`)
    expect(callerOf({ groups: many }, "groups", roles)).toBeUndefined()
    expect(callerOf({ groups: [...many, "baken-huizen"] }, "groups", roles)?.audience).toBe("municipality")
    expect(callerOf({ groups: "x".repeat(5_000_000) }, "groups", roles)).toBeUndefined()
  })
})

describe("what is kept of the person", () => {
  const issuer = "https://login.example/"
  const key = createSecretKey(randomBytes(32))

  it("the subject is oidc:<issuer>#<sub>, the label the name", () => {
    expect(personOf({ sub: "u-123", name: "Anna de Vries", email: "anna@huizen.example" }, issuer, key)).toEqual({
      subject: "oidc:https://login.example#u-123",
      label: "Anna de Vries",
    })
  })

  it("an issuer holding nine digits is not kept in the subject, only a hash of issuer and sub", () => {
    const person = personOf({ sub: "u-123" }, "https://login.example/999990019/", key)
    expect(person?.subject).toMatch(/^oidc:hmac:[0-9a-f]{32}$/)
  })

  it("a name with a bidirectional override or zero-width characters is shown without them, so it cannot pose as another", () => {
    expect(personOf({ sub: "u", name: "Anna\u202E reiV ed\u200B" }, issuer, key)?.label).toBe("Anna reiV ed")
  })

  it("without a name the e-mail address is the label, without either a plain description", () => {
    expect(personOf({ sub: "u", email: "anna@huizen.example" }, issuer, key)?.label).toBe("anna@huizen.example")
    expect(personOf({ sub: "u" }, issuer, key)?.label).toBe("medewerker (inlog via organisatie)")
  })

  it("a sub of nine digits (it could be a BSN) is kept only as a hash, the same one at every sign-in", () => {
    const once = personOf({ sub: "999990019", name: "A" }, issuer, key)
    expect(once?.subject).toMatch(/^oidc:https:\/\/login\.example#hmac:[0-9a-f]{32}$/)
    expect(once?.subject).not.toContain("999990019")
    // Keyed: without the server's key, trying every nine-digit number does not find the hash (an unkeyed SHA-256 did).
    const unkeyed = createHash("sha256").update("https://login.example\n999990019").digest("hex").slice(0, 32)
    expect(once?.subject).not.toContain(unkeyed)
    const otherServer = personOf({ sub: "999990019" }, issuer, createSecretKey(randomBytes(32)))
    expect(otherServer?.subject).not.toBe(once?.subject)
    expect(personOf({ sub: "999990019" }, issuer, key)?.subject).toBe(once?.subject)
    expect(personOf({ sub: "999990019" }, "https://other.example/", key)?.subject).not.toBe(once?.subject)
  })

  it("a name holding nine digits is not kept; the e-mail address is used instead", () => {
    expect(personOf({ sub: "u", name: "Anna 999990019", email: "a@b.example" }, issuer, key)?.label).toBe("a@b.example")
  })

  it("a sub or a name holding a BSN in another spelling (999.900.006, 999_900_006, zero-width spaces) is not kept", () => {
    for (const written of ["999.900.006", "999_900_006", "9999-000-43", "999\u200b900\u200b006"]) {
      expect(personOf({ sub: written }, issuer, key)?.subject, written).toMatch(/#hmac:[0-9a-f]{32}$/)
      expect(personOf({ sub: "u", name: `Anna ${written}`, email: "a@b.example" }, issuer, key)?.label, written).toBe(
        "a@b.example",
      )
    }
  })

  it("no sub, or a sub that is no string, is no person", () => {
    expect(personOf({ name: "A" }, issuer, key)).toBeUndefined()
    expect(personOf({ sub: 12 }, issuer, key)).toBeUndefined()
    expect(personOf({ sub: "" }, issuer, key)).toBeUndefined()
    expect(personOf(null, issuer, key)).toBeUndefined()
  })

  it("any claims: never throws, and subject and label are short, one line, and hold no nine-digit number", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            sub: fc.oneof(fc.string({ maxLength: 400 }), fc.stringMatching(/^[0-9]{9}$/), fc.jsonValue()),
            name: fc.oneof(fc.string({ maxLength: 400 }), fc.jsonValue()),
            email: fc.oneof(fc.emailAddress(), fc.string(), fc.jsonValue()),
          },
          { requiredKeys: [] },
        ),
        (claims) => {
          const person = personOf(claims, issuer, key)
          if (person === undefined) return
          for (const text of [person.subject, person.label]) {
            expect(text.length).toBeLessThanOrEqual(420)
            expect(text).not.toMatch(/[\n\r]/)
            expect(text).not.toMatch(/(^|[^0-9A-Za-z])[0-9]{9}([^0-9A-Za-z]|$)/)
            expect(BsnShape.refusedByGuard(text)).toBe(false)
          }
          expect(person.subject.startsWith("oidc:")).toBe(true)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
