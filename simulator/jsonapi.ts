// JSON:API documents built from stored resources, shaped by the spec's resource schemas:
// attributes the schema declares, relationship `links` where the spec has the paths, relationship
// `data` when included (or when the spec gives the relationship data only). Also generic filtering,
// sorting, paging, `include` and `fields[...]`.
// Shapes follow Apple's recorded answers (`__tests__/fixtures/recorded-asc/`): dates in Pacific time
// with an offset, and an included to-many relationship carries at most `limit[rel]` (default 10) items
// with `meta.paging` (fastlane `testflight/apps.json`, `tunes/review_submissions.json`). Apple's nulls
// for absent attributes and to-one `data: null` are not sent: the spec does not allow them there.
import { ApiError } from './errors.js'
import { matchRoute, resolve, resourceSchema, type SchemaSpec } from './spec.js'
import type { Linkage, Store, StoredResource } from './store.js'

export interface DocContext {
  store: Store
  baseUrl: string
  url: URL
  pageSizeCap: number
}

type Json = Record<string, unknown>

const linkCache = new Map<string, { self: boolean; related: boolean }>()

function relationshipPaths(type: string, rel: string): { self: boolean; related: boolean } {
  const key = `${type}/${rel}`
  let cached = linkCache.get(key)
  if (!cached) {
    cached = {
      self:
        matchRoute(`/v1/${type}/x/relationships/${rel}`)?.template ===
        `/v1/${type}/{id}/relationships/${rel}`,
      related: matchRoute(`/v1/${type}/x/${rel}`)?.template === `/v1/${type}/{id}/${rel}`,
    }
    linkCache.set(key, cached)
  }
  return cached
}

function listParam(url: URL, name: string): string[] | undefined {
  const v = url.searchParams.get(name)
  return v === null ? undefined : v.split(',').filter((s) => s !== '')
}

export function serialize(ctx: DocContext, resource: StoredResource<object>, includeRels: Set<string>): Json {
  const schema = resourceSchema(resource.type)
  const fields = listParam(ctx.url, `fields[${resource.type}]`)
  const attrSchema = resolve(schema?.properties?.['attributes'])?.properties ?? {}
  const relSchema = resolve(schema?.properties?.['relationships'])?.properties ?? {}
  const stored = resource.attributes as Json
  const attributes: Json = {}
  for (const name of Object.keys(attrSchema)) {
    if (fields && !fields.includes(name)) continue
    const value = stored[name]
    if (value === undefined || value === null) continue
    attributes[name] = isDateTime(attrSchema[name]) && typeof value === 'string' ? appleDate(value) : value
  }
  const relationships: Json = {}
  for (const [name, relDef] of Object.entries(relSchema)) {
    if (fields && !fields.includes(name)) continue
    const props = resolve(relDef)?.properties ?? {}
    const out: Json = {}
    if (props['links']) {
      const paths = relationshipPaths(resource.type, name)
      const links: Json = {}
      if (paths.self)
        links['self'] = `${ctx.baseUrl}/v1/${resource.type}/${resource.id}/relationships/${name}`
      if (paths.related) links['related'] = `${ctx.baseUrl}/v1/${resource.type}/${resource.id}/${name}`
      if (Object.keys(links).length > 0) out['links'] = links
    }
    const dataSchema = resolve(props['data'])
    if (dataSchema && (includeRels.has(name) || !props['links'])) {
      const linkages = ctx.store.linkages(resource, name)
      if (dataSchema.type === 'array') {
        const limit = includedLimit(ctx, name)
        out['data'] = linkages.slice(0, limit).map(linkage)
        if (props['meta']) out['meta'] = { paging: { total: linkages.length, limit } }
      } else if (linkages[0]) out['data'] = linkage(linkages[0])
    }
    if (Object.keys(out).length > 0) relationships[name] = out
  }
  return {
    type: resource.type,
    id: resource.id,
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(Object.keys(relationships).length > 0 ? { relationships } : {}),
    links: { self: `${ctx.baseUrl}/v1/${resource.type}/${resource.id}` },
  }
}

/** Items of an included to-many relationship: `limit[rel]`, else Apple's default of 10. */
function includedLimit(ctx: DocContext, rel: string): number {
  const requested = Number(ctx.url.searchParams.get(`limit[${rel}]`))
  return Number.isInteger(requested) && requested > 0 ? requested : INCLUDED_LIMIT
}

const INCLUDED_LIMIT = 10

function isDateTime(schema: SchemaSpec | undefined): boolean {
  return (resolve(schema) as { format?: unknown } | undefined)?.format === 'date-time'
}

const pacificTime = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'longOffset',
})

/** An instant as Apple writes it: Pacific local time with its offset, e.g. 2026-01-30T01:31:03.007-08:00. */
export function appleDate(value: string): string {
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) return value
  const part = Object.fromEntries(pacificTime.formatToParts(ms).map((p) => [p.type, p.value]))
  const offset = (part['timeZoneName'] ?? '').replace('GMT', '') || '+00:00'
  const millis = String(((ms % 1000) + 1000) % 1000).padStart(3, '0')
  return `${part['year']}-${part['month']}-${part['day']}T${part['hour']}:${part['minute']}:${part['second']}.${millis}${offset}`
}

function linkage(l: Linkage): Linkage {
  return { type: l.type, id: l.id }
}

/** Absolute URL with the query percent-encoded (brackets and commas), as Apple's links are. */
function absolute(ctx: DocContext, url: URL): string {
  const query = new URLSearchParams(url.searchParams).toString()
  return `${ctx.baseUrl}${url.pathname}${query ? `?${query}` : ''}`
}

function selfLink(ctx: DocContext): string {
  return absolute(ctx, ctx.url)
}

function includedFor(ctx: DocContext, primary: StoredResource<object>[], includeRels: string[]): Json[] {
  const seen = new Set(primary.map((r) => `${r.type}/${r.id}`))
  const included: Json[] = []
  for (const resource of primary) {
    for (const rel of includeRels) {
      const related = ctx.store.related(resource, rel)
      const sent = ctx.store.isToOne(resource, rel) ? related : related.slice(0, includedLimit(ctx, rel))
      for (const other of sent) {
        const key = `${other.type}/${other.id}`
        if (seen.has(key)) continue
        seen.add(key)
        included.push(serialize(ctx, other, new Set()))
      }
    }
  }
  return included
}

export function singleDocument(ctx: DocContext, resource: StoredResource<object>): Json {
  const include = listParam(ctx.url, 'include') ?? []
  const included = includedFor(ctx, [resource], include)
  return {
    data: serialize(ctx, resource, new Set(include)),
    ...(included.length > 0 ? { included } : {}),
    links: { self: selfLink(ctx) },
  }
}

/** Filters, sorts and pages `all`, honouring limit, cursor and scenario.pageSizeCap. */
export function collectionDocument(ctx: DocContext, all: StoredResource<object>[], defaultLimit = 50): Json {
  const filtered = sortResources(ctx, applyFilters(ctx, all))
  const requested = ctx.url.searchParams.get('limit')
  const limit = Math.max(1, Math.min(requested ? Number(requested) : defaultLimit, ctx.pageSizeCap))
  const cursor = ctx.url.searchParams.get('cursor')
  let offset = 0
  if (cursor !== null) {
    const decoded = decodeCursor(cursor)
    if (decoded === undefined) {
      throw new ApiError(
        400,
        'PARAMETER_ERROR.INVALID',
        'A parameter has an invalid value',
        `'${cursor}' is not a valid cursor for this request.`,
        {
          parameter: 'cursor',
        },
      )
    }
    offset = decoded
  }
  const page = filtered.slice(offset, offset + limit)
  const include = listParam(ctx.url, 'include') ?? []
  const included = includedFor(ctx, page, include)
  const links: Json = { self: selfLink(ctx) }
  if (offset + limit < filtered.length) {
    const next = new URL(ctx.url.toString())
    next.searchParams.set('cursor', encodeCursor(offset + limit))
    next.searchParams.set('limit', String(limit))
    links['next'] = absolute(ctx, next)
  }
  const includeSet = new Set(include)
  return {
    data: page.map((r) => serialize(ctx, r, includeSet)),
    ...(included.length > 0 ? { included } : {}),
    links,
    meta: { paging: { total: filtered.length, limit } },
  }
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url')
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown }
    return typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 ? parsed.o : undefined
  } catch {
    return undefined
  }
}

/** Values compared by filters: state objects compare by their `state` field. */
function comparable(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'object' && 'state' in value) return comparable((value as Json)['state'])
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

function matchesPath(
  store: Store,
  resource: StoredResource<object>,
  path: string[],
  values: string[],
): boolean {
  const [head, ...rest] = path
  if (head === undefined) return false
  if (rest.length === 0) {
    if (head === 'id') return values.includes(resource.id)
    const attrs = resource.attributes as Json
    if (head in attrs || isDeclaredAttribute(resource.type, head)) {
      const v = comparable(attrs[head])
      return v !== undefined && values.includes(v)
    }
    return store.linkages(resource, head).some((l) => values.includes(l.id))
  }
  return store.related(resource, head).some((other) => matchesPath(store, other, rest, values))
}

function isDeclaredAttribute(type: string, name: string): boolean {
  const attrs = resolve(resourceSchema(type)?.properties?.['attributes'])?.properties ?? {}
  return name in attrs
}

export function applyFilters(ctx: DocContext, all: StoredResource<object>[]): StoredResource<object>[] {
  let result = all
  for (const [name, value] of ctx.url.searchParams) {
    const filter = /^filter\[(.+)\]$/.exec(name)
    const exists = /^exists\[(.+)\]$/.exec(name)
    if (filter?.[1]) {
      const path = filter[1].split('.')
      const values = value.split(',')
      result = result.filter((r) => matchesPath(ctx.store, r, path, values))
    } else if (exists?.[1]) {
      const key = exists[1]
      const want = value === 'true'
      result = result.filter((r) => {
        const v = (r.attributes as Json)[key]
        const present = v !== undefined && v !== null ? true : ctx.store.linkages(r, key).length > 0
        return present === want
      })
    }
  }
  return result
}

function sortResources(ctx: DocContext, list: StoredResource<object>[]): StoredResource<object>[] {
  const sort = listParam(ctx.url, 'sort')
  const byInsertion = [...list].sort((a, b) => a.seq - b.seq)
  if (!sort) return byInsertion
  return byInsertion.sort((a, b) => {
    for (const key of sort) {
      const desc = key.startsWith('-')
      const field = desc ? key.slice(1) : key
      const cmp = compareValues(sortValue(ctx.store, a, field), sortValue(ctx.store, b, field))
      if (cmp !== 0) return desc ? -cmp : cmp
    }
    return 0
  })
}

function sortValue(store: Store, resource: StoredResource<object>, field: string): unknown {
  const attrs = resource.attributes as Json
  if (field in attrs) return attrs[field]
  // Sorting by a to-one relationship (e.g. builds by preReleaseVersion) uses the related version.
  const related = store.related(resource, field)[0]
  return related ? ((related.attributes as Json)['version'] ?? related.id) : undefined
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === undefined || a === null) return -1
  if (b === undefined || b === null) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(comparable(a)).localeCompare(String(comparable(b)), 'en', { numeric: true })
}
