/**
 * What survives a reload: the user's setup and their last run (result and, when small enough, its trace), in
 * localStorage under one versioned key. Files the user opened are megabytes, so they live in IndexedDB instead
 * (`open/store.ts`); a setup names one by its id (`{ kind: 'file', id }`). Storage is untrusted too — another version, a hand edit, a full quota —
 * so reading never throws: anything unreadable is set aside with a notice and the page starts fresh.
 */
import * as v from 'valibot';
import type { Result } from '../engine/result.ts';
import type { Trace } from '../engine/trace/events.ts';
import { type Setup, parseStoredSetup } from './setup.ts';

export const STORAGE_KEY = 'parallax.playground';
/** The last run sits under its own key: editing the setup rewrites only the small setup entry, never the trace. */
export const LAST_RUN_KEY = 'parallax.playground.last';
export const STORAGE_VERSION = 1;
/** Traces with more events than this are not kept (localStorage holds ~5 MB per site, shared with the editor). */
export const MAX_STORED_EVENTS = 15_000;

export interface LastRun {
  /** The setup the run was made with (the current setup may have changed since). */
  setup: Setup;
  result: Result;
  trace?: Trace;
}

export interface Stored {
  setup?: Setup;
  last?: LastRun;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const Envelope = v.object({ version: v.number(), setup: v.optional(v.unknown()), last: v.optional(v.unknown()) });
const LastShape = v.object({
  setup: v.unknown(),
  result: v.looseObject({ strategy: v.string(), workers: v.number(), txCount: v.number(), stateRoot: v.string(), receiptsRoot: v.string() }),
  trace: v.optional(v.looseObject({ strategy: v.string(), workers: v.number(), txCount: v.number(), events: v.array(v.looseObject({ t: v.number(), kind: v.string() })) })),
});

/** The stored state, and a notice when the stored setup had to be ignored (a damaged last run is dropped quietly). */
export function readStored(storage: StorageLike | undefined): { stored: Stored; notice?: string } {
  let text: string | null;
  let lastText: string | null;
  try {
    text = storage?.getItem(STORAGE_KEY) ?? null;
    lastText = storage?.getItem(LAST_RUN_KEY) ?? null;
  } catch {
    return { stored: {}, notice: 'This browser does not let the page use local storage: your setup will not survive a reload.' };
  }
  const forget = (key: string) => {
    try {
      storage?.removeItem(key);
    } catch {
      // nothing more to do
    }
  };
  const ignored = (why: string) => {
    forget(STORAGE_KEY);
    forget(LAST_RUN_KEY);
    return { stored: {}, notice: `Your saved setup could not be used (${why}), so the page started fresh.` };
  };
  if (text === null) return { stored: {} };
  const env = envelope(text);
  if (typeof env === 'string') return ignored(env);
  const stored: Stored = {};
  if (env.setup !== undefined) {
    stored.setup = parseStoredSetup(env.setup);
    if (!stored.setup) return ignored('its setup is not valid any more');
  }
  if (lastText !== null) {
    const lastEnv = envelope(lastText);
    const last = typeof lastEnv === 'string' ? undefined : v.safeParse(LastShape, lastEnv.last);
    const setup = last?.success ? parseStoredSetup(last.output.setup) : undefined;
    if (last?.success && setup) stored.last = { setup, result: last.output.result as unknown as Result, trace: last.output.trace as Trace | undefined };
    else forget(LAST_RUN_KEY);
  }
  return { stored };
}

/** Parsed and version-checked, or why not. */
function envelope(text: string): v.InferOutput<typeof Envelope> | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'it is not valid JSON';
  }
  const env = v.safeParse(Envelope, json);
  if (!env.success) return 'it is not in the expected shape';
  if (env.output.version !== STORAGE_VERSION) return `it was saved by another version (${env.output.version})`;
  return env.output;
}

/** Saves the setup; returns a notice if the browser refused. */
export function writeSetup(storage: StorageLike | undefined, setup: Setup): string | undefined {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify({ version: STORAGE_VERSION, setup }));
    return undefined;
  } catch {
    return 'The browser refused to save your setup (storage full or disabled): it will not survive a reload.';
  }
}

/** Saves the last run (without its trace when that is big, or when the quota says no); a notice if even that fails. */
export function writeLast(storage: StorageLike | undefined, last: LastRun): string | undefined {
  if (!storage) return undefined;
  const attempt = (l: LastRun) => storage.setItem(LAST_RUN_KEY, JSON.stringify({ version: STORAGE_VERSION, last: l }, bigintSafe));
  const small = last.trace && last.trace.events.length > MAX_STORED_EVENTS ? { ...last, trace: undefined } : last;
  try {
    attempt(small);
    return undefined;
  } catch {
    try {
      attempt({ ...small, trace: undefined });
      return undefined;
    } catch {
      return 'The browser’s storage is full: your last run will not survive a reload.';
    }
  }
}

/** Both at once (what a finished run saves). */
export function writeStored(storage: StorageLike | undefined, stored: Stored): string | undefined {
  const a = stored.setup ? writeSetup(storage, stored.setup) : undefined;
  const b = stored.last ? writeLast(storage, stored.last) : undefined;
  return a ?? b;
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `0x${value.toString(16)}` : value;
}
