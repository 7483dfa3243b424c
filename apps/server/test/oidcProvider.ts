// A real OpenID Connect provider for tests: `oidc-provider` on 127.0.0.1 with one registered client and a few
// accounts whose claims carry `groups`. Its own development login and consent pages are used as they are (any
// password is accepted for a known account name); no part of the protocol is mocked.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import Provider from "oidc-provider"

/** An account at the provider: the claims its userinfo answer holds. */
export interface Account {
  readonly name: string
  readonly email: string
  readonly groups: ReadonlyArray<string>
}

/** A running provider. */
export interface TestProvider {
  /** The issuer identifier, `http://127.0.0.1:<port>`. */
  readonly issuer: string
  /** Stops answering: closes the port and every open connection. */
  readonly stop: () => Promise<void>
}

/** A port nothing listens on right now (for a server that must know its address before it starts). */
export const freePort = async (): Promise<number> => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Starts a provider for one client (`clientId`/`clientSecret`, returning to `redirectUri`) and `accounts`. */
export const startProvider = async (options: {
  readonly clientId: string
  readonly clientSecret: string
  readonly redirectUri: string
  readonly accounts: Readonly<Record<string, Account>>
}): Promise<TestProvider> => {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    // `groups` comes with the profile scope, in the userinfo answer (the ID token keeps to the standard claims).
    claims: { openid: ["sub"], profile: ["name", "groups"], email: ["email"] },
    findAccount: (_ctx, id) => {
      const account = Object.hasOwn(options.accounts, id) ? options.accounts[id] : undefined
      return account === undefined
        ? undefined
        : {
            accountId: id,
            claims: () => ({ sub: id, name: account.name, email: account.email, groups: [...account.groups] }),
          }
    },
    // Every sign-in must use PKCE, as a provider that requires it would refuse a client that does not.
    pkce: { required: () => true },
    cookies: { keys: ["test-provider-cookie-key-not-a-secret"] },
    features: { devInteractions: { enabled: true } },
  })
  server.on("request", provider.callback())
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
