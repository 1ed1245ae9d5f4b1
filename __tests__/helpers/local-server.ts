// A local HTTP server that answers as a test tells it to, and an API client pointed at it.
import { createPrivateKey } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { AscClient, type AscClientOptions } from '../../src/asc/client.js'
import { TokenProvider } from '../../src/asc/jwt.js'
import { generateApiKey } from '../../simulator/index.js'

export interface LocalServer {
  server: http.Server
  url: string
  close(): Promise<void>
}

export async function startLocalServer(handler: http.RequestListener): Promise<LocalServer> {
  const server = http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** The real API client, signing with a throwaway key, against `baseUrl`. */
export function apiClientFor(baseUrl: string, options: Partial<AscClientOptions> = {}): AscClient {
  const key = generateApiKey()
  return new AscClient({
    baseUrl,
    tokens: new TokenProvider({
      keyId: key.keyId,
      issuerId: key.issuerId,
      privateKey: createPrivateKey(key.privateKeyPem),
    }),
    ...options,
  })
}
