/**
 * Strict containers over valibot: objects that reject unknown keys (a typo must never pass silently), records whose
 * keys normalise without colliding, arrays with a plain-language type error — and the conversion of valibot issues
 * into `ScenarioIssue`s.
 */
import * as v from 'valibot';
import { formatPath, quoted, show, type PathKey, type ScenarioIssue } from './errors.ts';
import { Problem, suggest } from './fields.ts';

type AnyIssue = v.BaseIssue<unknown>;

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const objectType = v.custom<Record<string, unknown>>(isPlainObject, (issue) => `expected an object, got ${show(issue.input)}`);

/**
 * Keys valibot leaves out when it copies an object or a record (its guard against prototype pollution), so the
 * checks after the copy never see them. None is a field or a key of ours: each is reported before the copy, as an
 * unknown field (or, in a record, a bad key), instead of vanishing. `JSON.parse` makes them own properties.
 */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Reports the keys of `UNSAFE_KEYS` an object has; runs before valibot copies it (which stops at an issue). */
function unsafeKeyCheck(message: (key: string) => string) {
  return v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
    const value = dataset.value as Record<string, unknown>;
    for (const key of UNSAFE_KEYS) {
      if (Object.hasOwn(value, key)) addIssue({ message: message(key), path: [keyItem(value, key)] });
    }
  });
}

/** An object with exactly these fields; unknown ones are errors that suggest the field the user probably meant. */
export function strict<const E extends v.ObjectEntries>(entries: E) {
  const known = Object.keys(entries);
  return v.pipe(
    objectType,
    unsafeKeyCheck(() => `unknown field (expected one of ${known.join(', ')})`),
    v.looseObject(entries),
    v.rawCheck(({ dataset, addIssue }) => {
      const value = dataset.value as Record<string, unknown>;
      for (const key of Object.keys(value)) {
        if (known.includes(key)) continue;
        const guess = suggest(key, known);
        const hint = guess ? `did you mean "${guess}"?` : `expected one of ${known.join(', ')}`;
        addIssue({ message: `unknown field (${hint})`, path: [keyItem(value, key)] });
      }
    }),
    // looseObject keeps unknown keys and the object has none left by now; drop absent optional fields too.
    v.transform((value) => compact(value) as v.InferOutput<v.ObjectSchema<E, undefined>>),
  );
}

/**
 * An object as an RPC node returns it: the fields we use are checked, the many we do not (`blockHash`,
 * `transactionIndex`, `yParity`, client extras) are dropped rather than rejected. For block bundles only.
 */
export function rpcObject<const E extends v.ObjectEntries>(entries: E, notAnObject?: (input: unknown) => string) {
  return v.pipe(
    notAnObject ? v.custom<Record<string, unknown>>(isPlainObject, (issue) => notAnObject(issue.input)) : objectType,
    unsafeKeyCheck(() => 'unknown field (no block, transaction or withdrawal has it)'),
    v.object(entries),
    v.transform((value) => compact(value) as v.InferOutput<v.ObjectSchema<E, undefined>>),
  );
}

/** A record whose keys normalise (`0xAB…` → `0xab…`); two keys that normalise alike are an error, not a silent merge. */
export function recordOf<K extends string, V extends v.GenericSchema>(
  key: v.GenericSchema<string, K>,
  normalise: (key: string) => string | Problem,
  value: V,
) {
  return v.pipe(
    objectType,
    v.rawCheck(({ dataset, addIssue }) => {
      const seen = new Map<string, string>();
      const input = dataset.value as Record<string, unknown>;
      for (const k of Object.keys(input)) {
        const norm = normalise(k);
        if (norm instanceof Problem) {
          // The key schema reports a bad key — except those valibot skips (see UNSAFE_KEYS): report them here.
          if (UNSAFE_KEYS.has(k)) addIssue({ message: norm.message, path: [keyItem(input, k)] });
          continue;
        }
        const first = seen.get(norm);
        if (first === undefined) seen.set(norm, k);
        else addIssue({ message: `the same key as ${quoted(first)} (keys are compared after normalising)`, path: [keyItem(input, k)] });
      }
    }),
    v.record(key, value),
    // valibot types records with template-literal keys as partial; every present key has a value here.
    v.transform((record) => record as Record<K, v.InferOutput<V>>),
  );
}

export function arrayOf<T extends v.GenericSchema>(item: T) {
  return v.array(item, (issue) => `expected an array, got ${show(issue.input)}`);
}

function keyItem(input: Record<string, unknown>, key: string): v.ObjectPathItem {
  return { type: 'object', origin: 'key', input, key, value: input[key] };
}

/** The object without its `undefined` fields, so optional fields are absent rather than present-and-undefined. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) if (x !== undefined) out[k] = x;
  return out as T;
}

/** Hints for required fields whose absence has a common cause. */
const REQUIRED_HINTS: Record<string, string> = {
  to: 'is required (use null to create a contract)',
};

/** Messages for issues our own schemas did not word (missing fields, wrong container types). */
function fallbackMessage(issue: AnyIssue): string {
  const last = issue.path?.at(-1);
  if (issue.input === undefined && last?.origin === 'key' && typeof last.key === 'string') {
    return REQUIRED_HINTS[last.key] ?? 'is required';
  }
  if (issue.type === 'string') return `expected a string, got ${show(issue.input)}`;
  return `expected ${issue.expected ?? 'something else'}, got ${show(issue.input)}`;
}

/** Run a schema; return its output or the issues, each with its path as keys. */
export function run<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; issues: { keys: PathKey[]; message: string }[] } {
  const result = v.safeParse(schema, input, { message: fallbackMessage });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, issues: result.issues.map((issue) => ({ keys: pathKeys(issue), message: issue.message })) };
}

function pathKeys(issue: AnyIssue): PathKey[] {
  return (issue.path ?? []).map((item) => (typeof item.key === 'number' ? item.key : String(item.key)));
}

export function toScenarioIssues(issues: { keys: PathKey[]; message: string }[]): ScenarioIssue[] {
  return issues.map(({ keys, message }) => ({ path: formatPath(keys), message }));
}
