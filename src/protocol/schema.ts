/**
 * A tiny validator toolkit: each schema is a type (through `Infer`) and a runtime
 * check at once, so the wire types have one source of truth. Kept minimal and
 * tree-shakable: the shopper's bundle pays only for the schemas it imports.
 */

export type ErrorCode = 'bad_frame' | 'too_large';

export interface Issue {
  code: ErrorCode;
  path: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issue: Issue };

export interface Schema<T> {
  /** Returns the cleaned value (unknown keys dropped) or an issue; never throws. */
  check(input: unknown, path: string): Result<T>;
  readonly optional?: boolean;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

export const fail = (path: string, message: string, code: ErrorCode = 'bad_frame'): Result<never> => ({
  ok: false,
  issue: { code, path, message },
});
export const pass = <T>(value: T): Result<T> => ({ ok: true, value });

export const string = (opts: { min?: number; max?: number; pattern?: RegExp } = {}): Schema<string> => ({
  check(input, path) {
    if (typeof input !== 'string') return fail(path, 'expected a string');
    if (opts.max !== undefined && input.length > opts.max) {
      return fail(path, `longer than ${opts.max} characters`, 'too_large');
    }
    if (opts.min !== undefined && input.length < opts.min) return fail(path, `shorter than ${opts.min} characters`);
    if (opts.pattern && !opts.pattern.test(input)) return fail(path, 'has the wrong format');
    return pass(input);
  },
});

export const integer = (opts: { min?: number; max?: number } = {}): Schema<number> => ({
  check(input, path) {
    if (typeof input !== 'number' || !Number.isSafeInteger(input)) return fail(path, 'expected an integer');
    if (opts.min !== undefined && input < opts.min) return fail(path, `below ${opts.min}`);
    if (opts.max !== undefined && input > opts.max) return fail(path, `above ${opts.max}`);
    return pass(input);
  },
});

export const boolean = (): Schema<boolean> => ({
  check: (input, path) => (typeof input === 'boolean' ? pass(input) : fail(path, 'expected a boolean')),
});

export const literal = <const T extends string | number | boolean>(...values: T[]): Schema<T> => ({
  check: (input, path) =>
    values.includes(input as T) ? pass(input as T) : fail(path, `expected one of ${values.join(', ')}`),
});

export const optional = <T>(schema: Schema<T>): Schema<T | undefined> => ({
  optional: true,
  check: (input, path) => (input === undefined ? pass(undefined) : schema.check(input, path)),
});

export const nullable = <T>(schema: Schema<T>): Schema<T | null> => ({
  check: (input, path) => (input === null ? pass(null) : schema.check(input, path)),
});

export const array = <T>(item: Schema<T>, opts: { max?: number } = {}): Schema<T[]> => ({
  check(input, path) {
    if (!Array.isArray(input)) return fail(path, 'expected an array');
    if (opts.max !== undefined && input.length > opts.max) {
      return fail(path, `more than ${opts.max} items`, 'too_large');
    }
    const out: T[] = [];
    for (let i = 0; i < input.length; i++) {
      const r = item.check(input[i], `${path}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return pass(out);
  },
});

export const record = <T>(value: Schema<T>): Schema<Record<string, T>> => ({
  check(input, path) {
    if (!isPlainObject(input)) return fail(path, 'expected an object');
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(input)) {
      // `out.__proto__ = …` would set the prototype and drop the key unseen: refused instead.
      if (k === '__proto__') return fail(`${path}.${k}`, 'is not an allowed key');
      const r = value.check(v, `${path}.${k}`);
      if (!r.ok) return r;
      out[k] = r.value;
    }
    return pass(out);
  },
});

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Simplify<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

export const object = <S extends Shape>(shape: S): Schema<ObjectOf<S>> & { shape: S } => ({
  shape,
  check(input, path) {
    if (!isPlainObject(input)) return fail(path, 'expected an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const r = shape[key]!.check(input[key], path ? `${path}.${key}` : key);
      if (!r.ok) return r;
      if (r.value !== undefined) out[key] = r.value;
    }
    return pass(out as ObjectOf<S>);
  },
});

/** A union told apart by its `type` field: one lookup, and errors that name the frame. */
export const tagged = <M extends Record<string, Schema<object>>>(
  members: M,
): Schema<{ [K in keyof M]: Infer<M[K]> & { type: K } }[keyof M]> => ({
  check(input, path) {
    if (!isPlainObject(input)) return fail(path, 'expected an object');
    const type = input.type;
    if (typeof type !== 'string' || !Object.hasOwn(members, type)) return fail(`${path}type`, 'unknown type');
    const r = members[type]!.check(input, path);
    return r.ok ? pass({ ...r.value, type } as never) : r;
  },
});

export function isPlainObject(input: unknown): input is Record<string, unknown> {
  // An array's prototype is `Array.prototype`: refused below.
  if (typeof input !== 'object' || input === null) return false;
  const proto = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
}
