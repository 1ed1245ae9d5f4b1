// What every domain's handlers share: the handler types, reading the request body, answering with a
// document, and the generic handlers that serve reads of any resource type.
import type { ScenarioState } from '../handlers.js'
import { ApiError, conflict, notFoundResource } from '../errors.js'
import { collectionDocument, singleDocument, type DocContext } from '../jsonapi.js'
import type { SimulatorStore } from '../seed.js'
import type { OperationSpec } from '../spec.js'
import type { AttributesByType, Linkage, StoredResource } from '../store.js'
import type { UploadStorage } from '../storage.js'

export interface HandlerContext extends DocContext {
  store: SimulatorStore
  /** The simulator's one clock (ms since epoch). */
  now: () => number
  op: OperationSpec
  params: Record<string, string>
  body: RequestDocument | undefined
  scenario: ScenarioState
  storage: UploadStorage
}

export interface RequestDocument {
  data: RequestResource | Linkage | Linkage[] | null
}

export interface RequestResource {
  type: string
  id?: string
  attributes?: Record<string, unknown>
  relationships?: Record<string, { data?: Linkage | Linkage[] | null }>
}

export interface HandlerResult {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export type Handler = (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>

export function mustGet<T extends keyof AttributesByType>(
  ctx: HandlerContext,
  type: T,
  id: string,
): StoredResource<AttributesByType[T]> {
  const r = ctx.store.get(type, id)
  if (!r) throw notFoundResource(type, id)
  return r
}

export function resourceData(ctx: HandlerContext): RequestResource {
  const data = ctx.body?.data
  if (!data || Array.isArray(data))
    throw new ApiError(
      400,
      'ENTITY_ERROR',
      'The request entity is invalid.',
      'A resource object is required.',
    )
  return data
}

export function attrs(ctx: HandlerContext): Record<string, unknown> {
  return resourceData(ctx).attributes ?? {}
}

export function relId(ctx: HandlerContext, name: string): string | undefined {
  const data = resourceData(ctx).relationships?.[name]?.data
  if (!data || Array.isArray(data)) return undefined
  return data.id
}

/** The resource a request body relationship points to; 409 RELATIONSHIP.INVALID when it does not exist. */
export function target<T extends keyof AttributesByType>(
  ctx: HandlerContext,
  rel: string,
  type: T,
): StoredResource<AttributesByType[T]> {
  const id = relId(ctx, rel)
  const found = id === undefined ? undefined : ctx.store.get(type, id)
  if (!found) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `There is no resource of type '${type}' with id '${String(id)}'.`,
      `/data/relationships/${rel}/data/id`,
    )
  }
  return found
}

export function appIdOf(ctx: HandlerContext, r: StoredResource<object>): string | undefined {
  return ctx.store.linkages(r, 'app')[0]?.id
}

export function ok(ctx: HandlerContext, r: StoredResource<object>, status = 200): HandlerResult {
  return { status, body: singleDocument(ctx, r) }
}

export function noContent(): HandlerResult {
  return { status: 204 }
}

/** Copies the given attributes (when present in the body) onto a stored resource. */
export function patchAttributes(
  ctx: HandlerContext,
  r: StoredResource<object>,
  names: readonly string[],
): void {
  const a = attrs(ctx)
  const stored = r.attributes as Record<string, unknown>
  for (const name of names) {
    if (name in a) stored[name] = a[name]
  }
}

/** The clock's time as a date-time attribute. */
export function nowIso(ctx: HandlerContext): string {
  return new Date(ctx.now()).toISOString()
}

// Generic handlers

export const getInstance =
  (type: keyof AttributesByType): Handler =>
  (ctx) =>
    ok(ctx, mustGet(ctx, type, ctx.params['id'] ?? ''))

export const getCollection =
  (type: keyof AttributesByType): Handler =>
  (ctx) => ({ status: 200, body: collectionDocument(ctx, ctx.store.list(type)) })

export const getToMany =
  (parentType: keyof AttributesByType, rel: string): Handler =>
  (ctx) => {
    const parent = mustGet(ctx, parentType, ctx.params['id'] ?? '')
    return { status: 200, body: collectionDocument(ctx, ctx.store.related(parent, rel)) }
  }

export const getToOne =
  (parentType: keyof AttributesByType, rel: string, relatedType: string): Handler =>
  (ctx) => {
    const parent = mustGet(ctx, parentType, ctx.params['id'] ?? '')
    const related = ctx.store.related(parent, rel)[0]
    if (!related) {
      throw new ApiError(
        404,
        'NOT_FOUND',
        'The specified resource does not exist',
        `There is no ${relatedType} resource related to ${parentType} '${parent.id}'.`,
      )
    }
    return ok(ctx, related)
  }

export function updateSimple(type: keyof AttributesByType, names: string[]): Handler {
  return (ctx) => {
    const r = mustGet(ctx, type, ctx.params['id'] ?? '')
    patchAttributes(ctx, r, names)
    return ok(ctx, r)
  }
}

/** The attributes App Review details and Beta App Review details share: the review contact and demo account. */
export const REVIEW_DETAIL_FIELDS = [
  'contactFirstName',
  'contactLastName',
  'contactPhone',
  'contactEmail',
  'demoAccountName',
  'demoAccountPassword',
  'demoAccountRequired',
  'notes',
] as const
