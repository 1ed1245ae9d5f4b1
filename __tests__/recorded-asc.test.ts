// Real answers: response bodies other tools recorded from the real App Store Connect API
// (fixtures/recorded-asc, MIT, see SOURCE.md there). The client reads every one of them through real
// HTTP, and the simulator's answers take the same shapes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { relatedId, type Resource } from '../src/asc/resources.js'
import { startSimulator } from '../simulator/index.js'
import { client as simClient, registerKey } from '../simulator/testing.js'
import { apiClientFor, startLocalServer, type LocalServer } from './helpers/local-server.js'

const folder = fileURLToPath(new URL('./fixtures/recorded-asc/', import.meta.url))
const recorded = readdirSync(folder, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.json'))
  .sort()

/** Apple's hosts in the recordings (fastlane's come from the web API under /iris). */
const APPLE_ORIGINS = /https:\/\/(api\.appstoreconnect\.apple\.com|appstoreconnect\.apple\.com\/iris)/g
/** Every date-time in the recordings: Pacific time with an offset, or UTC. */
const APPLE_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?([+-]\d\d:\d\d|Z)$/

interface Served {
  status: number
  firstPage: string
  /** The page after the recorded one: the same body, as the last page. */
  lastPage: string
}

let served: Served | undefined
let local: LocalServer

beforeAll(async () => {
  local = await startLocalServer((req, res) => {
    const last = new URL(req.url ?? '/', 'http://x').searchParams.has('cursor')
    res.writeHead(served?.status ?? 500, { 'content-type': 'application/json' })
    res.end(last ? served?.lastPage : served?.firstPage)
  })
})
afterAll(() => local.close())

function resourcesOf(value: unknown): Resource[] {
  return Array.isArray(value) ? (value as Resource[]) : [value as Resource]
}

describe('the client reads every recorded answer', () => {
  it('has the recordings, with their licences', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(40)
    const notes = readFileSync(join(folder, 'SOURCE.md'), 'utf8')
    for (const source of new Set(recorded.map((name) => name.split('/')[0] ?? ''))) {
      expect(readFileSync(join(folder, source, 'LICENSE'), 'utf8')).toContain('MIT')
      expect(notes).toContain(`\`${source}/\``)
    }
  })

  it.each(recorded)('%s', async (name) => {
    const text = readFileSync(join(folder, name), 'utf8').replace(APPLE_ORIGINS, () => local.url)
    const body = JSON.parse(text) as { data: unknown; links?: { next?: string | null } }
    const last = JSON.stringify({ ...body, links: { ...body.links, next: null } })
    // expo names the status and method: post-buildUploadFiles-201, patch-…-200.
    const status = Number(/-(\d{3})\.json$/.exec(name)?.[1] ?? 200)
    served = { status, firstPage: text, lastPage: last }
    const api = apiClientFor(local.url, { retry: { maxAttempts: 1 } })
    try {
      // A recorded `links.next` is followed to the (served) last page: the same items once more.
      const pages = Array.isArray(body.data) && body.links?.next ? 2 : 1
      const expected = Array.isArray(body.data)
        ? Array.from({ length: pages }, () => body.data).flat()
        : body.data
      let data: unknown
      if (name.includes('__post-')) data = (await api.post<{ data: unknown }>('/v1/x', {})).data
      else if (name.includes('__patch-')) data = (await api.patch<{ data: unknown }>('/v1/x/1', {})).data
      else if (Array.isArray(body.data)) data = (await api.getAll('/v1/x')).data
      else data = (await api.get('/v1/x/1')).data
      expect(data).toEqual(expected)

      // The typed readers take every resource as Apple sends it: nulls, relationships without data.
      for (const resource of resourcesOf(data)) {
        expect(typeof resource.id).toBe('string')
        for (const rel of Object.keys(resource.relationships ?? {})) {
          const id = relatedId(resource, rel)
          expect(id === undefined || typeof id === 'string').toBe(true)
        }
      }
    } finally {
      await api.close()
    }
  })

  it('every recorded date-time is in one of the shapes the simulator is held to', () => {
    const dates = recorded.flatMap((name) =>
      [...readFileSync(join(folder, name), 'utf8').matchAll(/"(\d{4}-\d\d-\d\dT[^"]*)"/g)].map((m) => m[1]),
    )
    expect(dates.length).toBeGreaterThan(20)
    for (const date of dates) expect(date).toMatch(APPLE_DATE)
  })
})

describe('the simulator answers in the recorded shapes', () => {
  it('dates in Pacific time with an offset, and included to-many relationships paged as Apple pages them', async () => {
    const sim = await startSimulator()
    try {
      const call = simClient(sim, registerKey(sim))
      const app = sim.store.createApp({ bundleId: 'com.example.recorded', name: 'Recorded' })
      for (let i = 1; i <= 12; i++)
        sim.store.createBuild({
          appId: app.id,
          version: '1.0',
          buildNumber: String(i),
          platform: 'IOS',
          processingState: 'VALID',
        })

      const res = await call('GET', `/v1/apps/${app.id}?include=builds`)
      expect(res.status).toBe(200)
      const doc = res.body as {
        data: { relationships: Record<string, { data?: unknown[]; meta?: unknown }> }
        included: { type: string; attributes: { uploadedDate: string } }[]
      }
      // fastlane testflight/apps.json: an included to-many carries 10 items and meta.paging.
      expect(doc.data.relationships['builds']?.data).toHaveLength(10)
      expect(doc.data.relationships['builds']?.meta).toEqual({ paging: { total: 12, limit: 10 } })
      expect(doc.included).toHaveLength(10)

      const wider = await call('GET', `/v1/apps/${app.id}?include=builds&limit[builds]=50`)
      const widerDoc = wider.body as typeof doc
      expect(widerDoc.data.relationships['builds']?.meta).toEqual({ paging: { total: 12, limit: 50 } })
      expect(widerDoc.included).toHaveLength(12)

      // expo buildUploads/post-buildUploads-200.json: "2026-01-30T01:31:03.007-08:00".
      const uploaded = doc.included[0]?.attributes.uploadedDate ?? ''
      expect(uploaded).toMatch(APPLE_DATE)
      expect(uploaded).toMatch(/\.\d{3}-0[78]:00$/)
      const stored = sim.store.list('builds')[0]?.attributes as { uploadedDate: string }
      expect(Date.parse(uploaded)).toBe(Date.parse(stored.uploadedDate))
      expect(sim.contractViolations).toEqual([])
    } finally {
      await sim.close()
    }
  })
})
