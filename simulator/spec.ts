// The vendored App Store Connect OpenAPI document, loaded once per process, plus everything derived
// from it: the route table, query-parameter checks and lazily compiled ajv validators for request
// and response bodies. Everything here is cached at module level so that starting many simulators
// in one test process stays cheap.
import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import formatsModule from 'ajv-formats'

export type JsonObject = Record<string, unknown>

export interface ParameterSpec {
  name: string
  in: 'query' | 'path' | 'header'
  required?: boolean
  schema: SchemaSpec
}

export interface SchemaSpec {
  type?: string
  enum?: unknown[]
  items?: SchemaSpec
  maximum?: number
  minimum?: number
  $ref?: string
  properties?: Record<string, SchemaSpec>
  required?: string[]
  nullable?: boolean
}

export interface OperationSpec {
  operationId: string
  method: string
  pathTemplate: string
  parameters: ParameterSpec[]
  requestBodyRef?: string
  responses: Record<string, { ref?: string }>
}

interface RawOperation {
  operationId: string
  parameters?: ParameterSpec[]
  requestBody?: { content?: Record<string, { schema?: SchemaSpec }> }
  responses?: Record<string, { content?: Record<string, { schema?: SchemaSpec }> }>
}

interface RawSpec {
  paths: Record<string, Record<string, RawOperation | ParameterSpec[]>>
  components: { schemas: Record<string, SchemaSpec> }
}

interface Route {
  template: string
  segments: string[]
  operations: Map<string, OperationSpec>
}

let cachedSpec: RawSpec | undefined
let routesBySegmentCount: Map<number, Route[]> | undefined
let ajvInstance: Ajv | undefined
const validators = new Map<string, ValidateFunction>()
let typeSchemaNames: Map<string, string> | undefined

export function spec(): RawSpec {
  if (!cachedSpec) {
    const raw = JSON.parse(
      readFileSync(new URL('./openapi/app-store-connect-openapi.json', import.meta.url), 'utf8'),
    ) as RawSpec
    sanitize(raw.components)
    cachedSpec = raw
  }
  return cachedSpec
}

/** The document has a few values ajv refuses (e.g. `"format": null`); drop them in memory only. */
function sanitize(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) sanitize(item)
  } else if (node && typeof node === 'object') {
    const obj = node as JsonObject
    if ('format' in obj && typeof obj['format'] !== 'string' && 'type' in obj) delete obj['format']
    if (obj['nullable'] === true && !('type' in obj)) {
      // ajv only supports `nullable` next to `type`; `{$ref, nullable}` becomes anyOf [ref, null].
      const inner: JsonObject = { ...obj }
      delete inner['nullable']
      for (const key of Object.keys(obj)) Reflect.deleteProperty(obj, key)
      obj['anyOf'] = [inner, { type: 'null' }]
      sanitize(inner)
      return
    }
    for (const value of Object.values(obj)) sanitize(value)
  }
}

function routes(): Map<number, Route[]> {
  if (routesBySegmentCount) return routesBySegmentCount
  const table = new Map<number, Route[]>()
  for (const [template, item] of Object.entries(spec().paths)) {
    const shared = Array.isArray(item['parameters']) ? item['parameters'] : []
    const operations = new Map<string, OperationSpec>()
    for (const [method, raw] of Object.entries(item)) {
      if (method === 'parameters' || Array.isArray(raw)) continue
      const responses: Record<string, { ref?: string }> = {}
      for (const [status, response] of Object.entries(raw.responses ?? {})) {
        const ref = response.content?.['application/json']?.schema?.$ref
        responses[status] = ref ? { ref } : {}
      }
      const bodyRef = raw.requestBody?.content?.['application/json']?.schema?.$ref
      operations.set(method.toUpperCase(), {
        operationId: raw.operationId,
        method: method.toUpperCase(),
        pathTemplate: template,
        parameters: [...shared, ...(raw.parameters ?? [])],
        ...(bodyRef ? { requestBodyRef: bodyRef } : {}),
        responses,
      })
    }
    const segments = template.split('/').slice(1)
    const list = table.get(segments.length) ?? []
    list.push({ template, segments, operations })
    table.set(segments.length, list)
  }
  // Literal segments win over {param} segments: sort routes with more literals first.
  for (const list of table.values()) {
    list.sort((a, b) => literalCount(b) - literalCount(a))
  }
  routesBySegmentCount = table
  return table
}

function literalCount(route: Route): number {
  return route.segments.filter((s) => !s.startsWith('{')).length
}

export interface RouteMatch {
  template: string
  params: Record<string, string>
  operations: Map<string, OperationSpec>
}

export function matchRoute(pathname: string): RouteMatch | undefined {
  const segments = pathname.split('/').slice(1)
  for (const route of routes().get(segments.length) ?? []) {
    const params: Record<string, string> = {}
    let ok = true
    for (let i = 0; i < segments.length; i++) {
      const pattern = route.segments[i] ?? ''
      const actual = segments[i] ?? ''
      if (pattern.startsWith('{') && pattern.endsWith('}')) {
        if (actual === '') {
          ok = false
          break
        }
        let decoded: string
        try {
          decoded = decodeURIComponent(actual)
        } catch {
          return undefined
        }
        params[pattern.slice(1, -1)] = decoded
      } else if (pattern !== actual) {
        ok = false
        break
      }
    }
    if (ok) return { template: route.template, params, operations: route.operations }
  }
  return undefined
}

export function pathExists(pathname: string): boolean {
  return matchRoute(pathname) !== undefined
}

export function operationFor(method: string, template: string): OperationSpec | undefined {
  const segments = template.split('/').slice(1)
  return routes()
    .get(segments.length)
    ?.find((r) => r.template === template)
    ?.operations.get(method)
}

// ---------------------------------------------------------------------------------------------
// Query parameters

export interface QueryProblem {
  status: 400
  code: 'PARAMETER_ERROR.INVALID' | 'PARAMETER_ERROR.REQUIRED' | 'PARAMETER_ERROR.ILLEGAL'
  title: string
  detail: string
  parameter: string
}

/** Checks the query against the operation's declared parameters. `cursor` is always allowed. */
export function checkQuery(op: OperationSpec, query: URLSearchParams): QueryProblem | undefined {
  const declared = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]))
  const seen = new Set<string>()
  for (const [name, value] of query) {
    if (seen.has(name)) {
      return invalid(name, `The parameter '${name}' was given more than once.`)
    }
    seen.add(name)
    if (name === 'cursor') continue
    const param = declared.get(name)
    if (!param) {
      return {
        status: 400,
        code: 'PARAMETER_ERROR.ILLEGAL',
        title: 'A parameter is not allowed for this request',
        detail: `The parameter '${name}' can not be used with this request`,
        parameter: name,
      }
    }
    const schema = param.schema
    if (schema.type === 'array') {
      const values = value.split(',')
      for (const v of values) {
        if (v === '') return invalid(name, `An empty value is not valid for the parameter '${name}'.`)
        if (schema.items?.enum && !schema.items.enum.includes(v)) {
          return invalid(name, `'${v}' is not a valid value for the parameter '${name}'.`)
        }
      }
    } else if (schema.type === 'integer') {
      if (!/^-?\d+$/.test(value)) return invalid(name, `'${value}' is not a valid integer for '${name}'.`)
      const n = Number(value)
      const min = schema.minimum ?? (name.startsWith('limit') ? 1 : undefined)
      if (min !== undefined && n < min) {
        return invalid(name, `The value of '${name}' must be at least ${min}, but was ${n}.`)
      }
      if (schema.maximum !== undefined && n > schema.maximum) {
        return invalid(name, `The value of '${name}' must not exceed ${schema.maximum}, but was ${n}.`)
      }
    } else if (schema.type === 'boolean') {
      if (value !== 'true' && value !== 'false') {
        return invalid(name, `'${value}' is not a valid value for the parameter '${name}'.`)
      }
    } else if (schema.enum && !schema.enum.includes(value)) {
      return invalid(name, `'${value}' is not a valid value for the parameter '${name}'.`)
    }
  }
  for (const param of declared.values()) {
    if (param.required && !query.has(param.name)) {
      return {
        status: 400,
        code: 'PARAMETER_ERROR.REQUIRED',
        title: 'A required parameter is missing',
        detail: `The parameter '${param.name}' is required for this request.`,
        parameter: param.name,
      }
    }
  }
  return undefined
}

function invalid(parameter: string, detail: string): QueryProblem {
  return {
    status: 400,
    code: 'PARAMETER_ERROR.INVALID',
    title: 'A parameter has an invalid value',
    detail,
    parameter,
  }
}

// ---------------------------------------------------------------------------------------------
// Schemas

function ajv(): Ajv {
  if (ajvInstance) return ajvInstance
  const instance = new Ajv({
    strict: false,
    validateSchema: false,
    allErrors: false,
    logger: false,
    inlineRefs: true,
  })
  formatsModule.default(instance)
  instance.addSchema({ components: spec().components }, 'asc')
  ajvInstance = instance
  return instance
}

/** Compiles (once per process) a validator for a `#/components/schemas/X` reference. */
export function validatorFor(ref: string): ValidateFunction {
  let v = validators.get(ref)
  if (!v) {
    v = ajv().compile({ $ref: `asc${ref}` })
    validators.set(ref, v)
  }
  return v
}

export function schemaByRef(ref: string): SchemaSpec | undefined {
  const name = ref.replace('#/components/schemas/', '')
  return spec().components.schemas[name]
}

export function resolve(schema: SchemaSpec | undefined): SchemaSpec | undefined {
  if (schema?.$ref) return resolve(schemaByRef(schema.$ref))
  return schema
}

/** The resource schema (e.g. `Build`) for a JSON:API type (e.g. `builds`). */
export function resourceSchema(type: string): SchemaSpec | undefined {
  if (!typeSchemaNames) {
    const map = new Map<string, string>()
    for (const [name, schema] of Object.entries(spec().components.schemas)) {
      const t = schema.properties?.['type']?.enum
      if (t?.length !== 1 || schema.properties?.['links']?.$ref !== '#/components/schemas/ResourceLinks')
        continue
      const typeName = String(t[0])
      const existing = map.get(typeName)
      if (!existing || name.length < existing.length) map.set(typeName, name)
    }
    typeSchemaNames = map
  }
  const name = typeSchemaNames.get(type)
  return name ? spec().components.schemas[name] : undefined
}

export function describeAjvError(error: ErrorObject): { pointer: string; detail: string; missing: boolean } {
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'required') {
    const missing = String(params['missingProperty'])
    return {
      pointer: `${error.instancePath}/${missing}`,
      detail: `The required property '${missing}' is missing at '${error.instancePath || '/'}'.`,
      missing: true,
    }
  }
  if (error.keyword === 'enum') {
    const allowed = (params['allowedValues'] as unknown[]).map(String).join(', ')
    return {
      pointer: error.instancePath,
      detail: `The value at '${error.instancePath}' must be one of: ${allowed}.`,
      missing: false,
    }
  }
  return {
    pointer: error.instancePath,
    detail: `The value at '${error.instancePath || '/'}' ${error.message ?? 'is invalid'}.`,
    missing: false,
  }
}

export function formatAjvErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('; ')
}
