/**
 * The shopper's widget's copy of `schema.ts` (its script-tag build swaps it in, issue 19):
 * the same checks, exactly as strict and returning the same cleaned values, but a refusal
 * says nothing of where or why. The widget never reads that: its sockets drop a bad frame
 * (`frame-reader.ts`) and a malformed HTTP answer is `bad_response`, a code the views
 * translate. The server, the inbox and the npm modules keep `schema.ts` and its reasons;
 * test/unit/schema-lean.test.ts holds the two to the same verdicts.
 */
import { isPlainObject, pass, type ErrorCode, type Infer, type ObjectOf, type Result, type Schema } from './schema.js';

export type { ErrorCode, Infer, Issue, ObjectOf, Result, Schema } from './schema.js';
// What says nothing of a refusal is `schema.ts`'s own (the swap spares this file's imports).
export { isPlainObject, nullable, optional, pass } from './schema.js';

/** Every refusal: the widget only asks whether a value passed. */
const REFUSED: Result<never> = { ok: false, issue: { code: 'bad_frame', path: '', message: 'has the wrong format' } };
const passIf = <T>(ok: unknown, value: unknown): Result<T> => (ok ? pass(value as T) : REFUSED);

export const fail = (_path: string, _message: string, _code?: ErrorCode): Result<never> => REFUSED;

// `x > undefined` and `x < undefined` are false: an absent bound holds.
export const string = (opts: { min?: number; max?: number; pattern?: RegExp } = {}): Schema<string> => ({
  check: (input) =>
    passIf(typeof input === 'string' && !(input.length > opts.max!) && !(input.length < opts.min!) && (!opts.pattern || opts.pattern.test(input)), input),
});

export const integer = (opts: { min?: number; max?: number } = {}): Schema<number> => ({
  check: (input) => passIf(Number.isSafeInteger(input) && !((input as number) < opts.min!) && !((input as number) > opts.max!), input),
});

export const boolean = (): Schema<boolean> => ({ check: (input) => passIf(typeof input === 'boolean', input) });

export const literal = <const T extends string | number | boolean>(...values: T[]): Schema<T> => ({
  check: (input) => passIf(values.includes(input as T), input),
});

export const array = <T>(item: Schema<T>, opts: { max?: number } = {}): Schema<T[]> => ({
  check(input, path) {
    if (!Array.isArray(input) || input.length > opts.max!) return REFUSED;
    const out: T[] = [];
    for (const v of input) {
      const r = item.check(v, path);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return pass(out);
  },
});

export const record = <T>(value: Schema<T>): Schema<Record<string, T>> => ({
  check(input, path) {
    if (!isPlainObject(input)) return REFUSED;
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(input)) {
      const r = value.check(v, path);
      if (!r.ok || k === '__proto__') return REFUSED;
      out[k] = r.value;
    }
    return pass(out);
  },
});

export const object = <S extends Record<string, Schema<unknown>>>(shape: S): Schema<ObjectOf<S>> & { shape: S } => ({
  shape,
  check(input, path) {
    if (!isPlainObject(input)) return REFUSED;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const r = shape[key]!.check(input[key], path);
      if (!r.ok) return r;
      if (r.value !== undefined) out[key] = r.value;
    }
    return pass(out as ObjectOf<S>);
  },
});

export const tagged = <M extends Record<string, Schema<object>>>(
  members: M,
): Schema<{ [K in keyof M]: Infer<M[K]> & { type: K } }[keyof M]> => ({
  check(input, path) {
    const type = isPlainObject(input) && input.type;
    if (typeof type !== 'string' || !Object.hasOwn(members, type)) return REFUSED;
    const r = members[type]!.check(input, path);
    return r.ok ? pass({ ...r.value, type } as never) : r;
  },
});
