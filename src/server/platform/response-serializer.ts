import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type JsonSchema = { [key: string]: unknown };
type Stringify = (data: unknown) => string;
type Project = (value: unknown) => unknown;

/**
 * Response serialization compiled once per response schema (ADR 019). The zod serializer parses
 * every response against its schema, building a copy, before JSON.stringify: measured, a third of
 * the serialization of a thread page. Here each schema becomes a generated function that copies
 * exactly the properties the schema declares, in its order, checking each value's JSON type, and
 * JSON.stringify writes that copy: the privacy rule holds the same way (a field a presenter did
 * not declare, such as an anonymous post's author id, never leaves the server) and a value of the
 * wrong type is a 500, as before. Not re-checked: enum members, lengths, formats and `.refine`
 * rules (none of them can add a field), which TypeScript and the test suite's `check` cover; a
 * NaN or Infinity is written as null, as JSON.stringify writes it.
 * `check: true` (the test suite) also runs the zod serializer and fails the response unless both
 * wrote the very same text. Schemas with anything else (records, tuples, unions, loose objects,
 * transforms) keep the zod serializer.
 */
export function compiledSerializerCompiler(opts: { check: boolean }): FastifySerializerCompiler<unknown> {
  // Compiled on first use, once per schema object (routes share the error schemas).
  const compiledBySchema = new WeakMap<object, Stringify | null>();
  const compiledFor = (schema: unknown): Stringify | null => {
    if (typeof schema !== 'object' || schema === null) return null;
    let compiled = compiledBySchema.get(schema);
    if (compiled === undefined) {
      const json = plainJsonSchema(schema);
      const project = json ? projection(json) : null;
      compiled = project ? (data) => JSON.stringify(project(data)) : null;
      compiledBySchema.set(schema, compiled);
    }
    return compiled;
  };
  return (route) => {
    const viaZod = zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]) as Stringify;
    let serialize: Stringify | null = null;
    return (data) => {
      if (data instanceof PreSerialized) {
        if (opts.check) {
          const expected = viaZod(data.value());
          const written = typeof data.json === 'string' ? data.json : data.json.toString('utf8');
          if (written !== expected) throw new Error(`pre-serialized response differs from zod for ${route.method} ${route.url} ${route.httpStatus ?? ''}: ${firstDifference(expected, written)}`);
        }
        // Bytes go out as they are (Fastify sends a Buffer payload unchanged, after the onSend hooks).
        return data.json as string;
      }
      serialize ??= compiledFor(route.schema) ?? viaZod;
      if (!opts.check || serialize === viaZod) return serialize(data);
      const expected = viaZod(data);
      const actual = serialize(data);
      if (actual !== expected) throw new Error(`compiled serializer differs from zod for ${route.method} ${route.url} ${route.httpStatus ?? ''}: ${firstDifference(expected, actual)}`);
      return actual;
    };
  };
}

/**
 * A response whose JSON text was written ahead, in parts kept between requests (ADR 020): sent as
 * it is. `value` presents the same response as an object: with `check` (the test suite) the zod
 * serializer writes that, and the two texts must be the very same. The text may be given as its
 * UTF-8 bytes already (ADR 037: kept encoded, a long body is not flattened and encoded per request).
 */
export class PreSerialized<T = unknown> {
  constructor(
    readonly json: string | Buffer,
    readonly value: () => T,
  ) {}
}

/**
 * A handler's answer that is already JSON text, typed as the value its route's schema declares
 * (the type provider checks a handler's return against it; the serializer above unwraps it).
 */
export function preSerialized<T>(json: string | Buffer, value: () => T): T {
  return new PreSerialized(json, value) as unknown as T;
}

/**
 * `text` as UTF-8 bytes in an allocation of their own, for bytes kept between requests. `Buffer.from`
 * puts a short text (under 4 KB) in a slice of Node's shared 8 KB pool, and a kept slice keeps the
 * whole pool alive: 10,000 kept profiles of 300 bytes held ≈ 82 MB (ADR 053, amendment).
 */
export function utf8ToKeep(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text, 'utf8'));
  bytes.write(text, 'utf8');
  return bytes;
}

/** A compiled serializer (copy, then JSON.stringify) for one plain schema; throws at once if the schema is not plain. */
export function jsonSerializer<S extends z.ZodType>(schema: S): (value: z.output<S>) => string {
  const json = plainJsonSchema(schema);
  if (!json) throw new Error('jsonSerializer: the schema is not plain (objects, arrays, primitives, nullable)');
  const project = projection(json);
  return (value) => JSON.stringify(project(value));
}

/**
 * The JSON text of an object with a few of its top-level property values left open, to be written
 * per request (ADR 020): `of` takes the object's text and, per open property in the order they
 * are written, its name and the value the text holds. The text around them is kept as is.
 */
export class JsonTemplate {
  private constructor(private readonly parts: string[]) {}

  static of(json: string, open: readonly (readonly [name: string, value: unknown])[]): JsonTemplate {
    const parts: string[] = [];
    let from = 0;
    for (const [name, value] of open) {
      // `"name":` can only be a property name (inside a JSON string its quotes would be escaped,
      // and a string value is never followed by a colon); it must occur once in the whole text.
      const key = `${JSON.stringify(name)}:`;
      const at = json.indexOf(key, from);
      const written = JSON.stringify(value);
      const end = at + key.length + written.length;
      if (at < 0 || json.indexOf(key) !== at || json.indexOf(key, at + 1) >= 0 || json.slice(at + key.length, end) !== written || !/^[,}]/.test(json.slice(end))) {
        throw new Error(`JsonTemplate: property ${name} is not written once, in order, as ${written}`);
      }
      parts.push(json.slice(from, at + key.length));
      from = end;
    }
    parts.push(json.slice(from));
    return new JsonTemplate(parts);
  }

  /** The text with the open values written in, each as JSON text, in the order given to `of`. */
  fill(values: readonly string[]): string {
    let out = this.parts[0]!;
    for (let i = 0; i < values.length; i++) out += values[i]! + this.parts[i + 1]!;
    return out;
  }

  /** The length of the kept text (for cache bounds). */
  get length(): number {
    return this.parts.reduce((n, p) => n + p.length, 0);
  }
}

/** The zod schema as plain JSON Schema (objects, arrays, primitives, nullable), or null when it holds anything else. */
export function plainJsonSchema(schema: unknown): JsonSchema | null {
  if (!(schema instanceof z.ZodType)) return null;
  try {
    return plain(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw', target: 'draft-07' }) as JsonSchema);
  } catch {
    return null;
  }
}

/** Keywords that only constrain a value further than its JSON type: left to TypeScript (see above). */
const CONSTRAINTS = new Set(['$schema', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'description', 'title', 'examples']);
const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean']);

function plain(s: JsonSchema): JsonSchema | null {
  const nullable = nullableOf(s);
  if (nullable) {
    const inner = plain(nullable);
    return inner && !inner.nullable ? { ...inner, nullable: true } : null;
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(s)) {
    if (CONSTRAINTS.has(key)) continue;
    if (key === 'type') {
      if (Array.isArray(value)) {
        // ["string", "null"]: zod's nullable primitive.
        const [t, n, ...rest] = value as string[];
        if (rest.length || n !== 'null' || !PRIMITIVES.has(t!)) return null;
        out.type = t;
        out.nullable = true;
      } else out.type = value;
    } else if (key === 'required') out.required = value;
    else if (key === 'properties') {
      const properties: JsonSchema = {};
      for (const [name, property] of Object.entries(value as Record<string, JsonSchema>)) {
        const inner = plain(property);
        if (!inner) return null;
        properties[name] = inner;
      }
      out.properties = properties;
    } else if (key === 'additionalProperties' && value === false) out.additionalProperties = false;
    else if (key === 'items' && !Array.isArray(value)) {
      const inner = plain(value as JsonSchema);
      if (!inner) return null;
      out.items = inner;
    } else return null;
  }
  if (out.type === 'object') return out.additionalProperties === false ? out : null;
  if (out.type === 'array') return out.items ? out : null;
  return PRIMITIVES.has(out.type as string) ? out : null;
}

/** `anyOf: [X, { type: "null" }]` (either order) → X. */
function nullableOf(s: JsonSchema): JsonSchema | null {
  const options = s.anyOf;
  if (!Array.isArray(options) || options.length !== 2 || Object.keys(s).some((k) => k !== 'anyOf' && !CONSTRAINTS.has(k))) return null;
  const isNull = (o: JsonSchema) => o.type === 'null' && Object.keys(o).length === 1;
  const [a, b] = options as JsonSchema[];
  if (isNull(b!) && !isNull(a!)) return a!;
  if (isNull(a!) && !isNull(b!)) return b!;
  return null;
}

const TYPE_TEST: Record<string, (v: string) => string> = {
  string: (v) => `typeof ${v}==="string"`,
  number: (v) => `typeof ${v}==="number"`,
  integer: (v) => `Number.isInteger(${v})`,
  boolean: (v) => `typeof ${v}==="boolean"`,
  object: (v) => `(typeof ${v}==="object"&&${v}!==null&&!Array.isArray(${v}))`,
  array: (v) => `Array.isArray(${v})`,
};

/**
 * A generated function returning a copy of the value with only what the plain schema declares,
 * as object literals in the declared order (what JSON.stringify then writes fastest). A value of
 * another JSON type throws; an optional property that is undefined is left out, as zod does.
 */
export function projection(schema: JsonSchema): Project {
  const helpers: Project[] = [];
  const wrongType = (path: string) => {
    throw new Error(`response value at ${path || '/'} does not match its schema`);
  };
  let vars = 0;
  const expr = (s: JsonSchema, v: string, path: string, optional: boolean): string => {
    let copy = v;
    if (s.type === 'object') {
      const required = new Set((s.required as string[] | undefined) ?? []);
      const props = Object.entries(s.properties as Record<string, JsonSchema>);
      copy = `{${props.map(([k, p]) => `${JSON.stringify(k)}:${expr(p, `${v}[${JSON.stringify(k)}]`, `${path}/${k}`, !required.has(k))}`).join(',')}}`;
    } else if (s.type === 'array') {
      const item = s.items as JsonSchema;
      const a = `a${vars++}`;
      const i = `i${vars++}`;
      const o = `o${vars++}`;
      const loop = new Function('h', 'wrong', `return function(${a}){const ${o}=new Array(${a}.length);for(let ${i}=0;${i}<${a}.length;${i}++)${o}[${i}]=${expr(item, `${a}[${i}]`, `${path}/*`, false)};return ${o};}`);
      helpers.push(loop(helpers, wrongType) as Project);
      copy = `h[${helpers.length - 1}](${v})`;
    }
    const allowed = [TYPE_TEST[s.type as string]!(v), ...(s.nullable ? [`${v}===null`] : []), ...(optional ? [`${v}===undefined`] : [])];
    const passThrough = allowed.length > 1 ? `(${allowed.slice(1).join('||')})?${v}:` : '';
    return `(${passThrough}${allowed[0]}?${copy}:wrong(${JSON.stringify(path)}))`;
  };
  const body = expr(schema, 'v', '', false);
  return new Function('h', 'wrong', `return function(v){return ${body};}`)(helpers, wrongType) as Project;
}

function firstDifference(expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i += 1;
  return `at ${i}: zod …${expected.slice(Math.max(0, i - 40), i + 40)}… compiled …${actual.slice(Math.max(0, i - 40), i + 40)}…`;
}
