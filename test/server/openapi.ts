/**
 * A validator for the subset of JSON Schema the Agent-lightning OpenAPI document uses:
 * $ref, anyOf, oneOf, type, required, enum, const, items, properties, additionalProperties,
 * minimum. Small on purpose: no dependency, and every keyword it meets is checked.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Schema = Record<string, any>;

/** Agent-lightning's own OpenAPI document, vendored with its source and licence (see its README). */
export const OPENAPI_PATH = resolve(import.meta.dirname, '../fixtures/agent-lightning/store-openapi.json');

export const OPENAPI = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
};

const KNOWN = new Set([
  '$ref', 'anyOf', 'oneOf', 'type', 'required', 'enum', 'const', 'items', 'properties', 'additionalProperties', 'minimum',
  'title', 'description', 'default', 'discriminator', 'format',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validate(schema: Schema, value: unknown, path = '$'): string[] {
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) return [`${path}: unsupported keyword ${k}`];
  if (schema.$ref) {
    const name = (schema.$ref as string).replace('#/components/schemas/', '');
    const target = OPENAPI.components.schemas[name];
    if (!target) return [`${path}: unresolved ${schema.$ref}`];
    return validate(target, value, path);
  }
  if (schema.anyOf) {
    const all = (schema.anyOf as Schema[]).map((s) => validate(s, value, path));
    return all.some((e) => e.length === 0) ? [] : [`${path}: matches no anyOf branch (${all.map((e) => e[0]).join(' | ')})`];
  }
  if (schema.oneOf) {
    const ok = (schema.oneOf as Schema[]).filter((s) => validate(s, value, path).length === 0).length;
    return ok === 1 ? [] : [`${path}: matches ${ok} oneOf branches, expected 1`];
  }
  const errors: string[] = [];
  const t = typeOf(value);
  if (schema.type) {
    const okType = schema.type === t || (schema.type === 'number' && t === 'integer');
    if (!okType) return [`${path}: expected ${schema.type}, got ${t}`];
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if ('const' in schema && schema.const !== value) errors.push(`${path}: expected const ${schema.const}`);
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) errors.push(`${path}: below minimum`);
  if (t === 'array' && schema.items) (value as unknown[]).forEach((v, i) => errors.push(...validate(schema.items, v, `${path}[${i}]`)));
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) errors.push(`${path}: missing required ${r}`);
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errors.push(...validate(props[k], v, `${path}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property ${k}`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...validate(schema.additionalProperties, v, `${path}.${k}`));
    }
  }
  return errors;
}

/** The schema of a documented response: `responseSchema('/v1/agl/rollouts', 'get', 200)`. */
export function responseSchema(path: string, method: string, status: number): Schema {
  const op = OPENAPI.paths[path]?.[method];
  if (!op) throw new Error(`no operation ${method} ${path}`);
  const r = op.responses[String(status)];
  if (!r) throw new Error(`${method} ${path} documents no ${status}`);
  return r.content['application/json'].schema;
}
