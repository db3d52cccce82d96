/**
 * What survives a reload: the user's setup and their last run (result and, when small enough, its trace), in
 * localStorage under one versioned key. Storage is untrusted too — another version, a hand edit, a full quota —
 * so reading never throws: anything unreadable is set aside with a notice and the page starts fresh.
 */
import * as v from 'valibot';
import type { Result } from '../engine/result.ts';
import type { Trace } from '../engine/trace/events.ts';
import { type Setup, parseStoredSetup } from './setup.ts';

export const STORAGE_KEY = 'parallax.playground';
export const STORAGE_VERSION = 1;
/** Traces above this many characters are not kept (localStorage holds ~5 MB per site, shared with the editor). */
export const MAX_STORED_TRACE = 1_500_000;

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

/** The stored state, and a notice when something stored had to be ignored. */
export function readStored(storage: StorageLike | undefined): { stored: Stored; notice?: string } {
  let text: string | null;
  try {
    text = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return { stored: {}, notice: 'This browser does not let the page use local storage: your setup will not survive a reload.' };
  }
  if (text === null) return { stored: {} };
  const ignored = (why: string) => {
    try {
      storage?.removeItem(STORAGE_KEY);
    } catch {
      // nothing more to do
    }
    return { stored: {}, notice: `Your saved setup could not be used (${why}), so the page started fresh.` };
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return ignored('it is not valid JSON');
  }
  const env = v.safeParse(Envelope, json);
  if (!env.success) return ignored('it is not in the expected shape');
  if (env.output.version !== STORAGE_VERSION) return ignored(`it was saved by another version (${env.output.version})`);
  const stored: Stored = {};
  if (env.output.setup !== undefined) {
    stored.setup = parseStoredSetup(env.output.setup);
    if (!stored.setup) return ignored('its setup is not valid any more');
  }
  if (env.output.last !== undefined) {
    const last = v.safeParse(LastShape, env.output.last);
    const setup = last.success ? parseStoredSetup(last.output.setup) : undefined;
    // A damaged last run is dropped quietly: the setup is what the user cares about.
    if (last.success && setup) stored.last = { setup, result: last.output.result as unknown as Result, trace: last.output.trace as Trace | undefined };
  }
  return { stored };
}

/** Saves; returns a notice if the browser refused (quota), after retrying without the trace. */
export function writeStored(storage: StorageLike | undefined, stored: Stored): string | undefined {
  if (!storage) return undefined;
  const attempt = (s: Stored) => storage.setItem(STORAGE_KEY, JSON.stringify({ version: STORAGE_VERSION, ...s }, bigintSafe));
  let last = stored.last;
  if (last?.trace && JSON.stringify(last.trace.events, bigintSafe).length > MAX_STORED_TRACE) last = { ...last, trace: undefined };
  try {
    attempt({ ...stored, last });
    return undefined;
  } catch {
    try {
      attempt({ setup: stored.setup, last: last && { ...last, trace: undefined } });
      return undefined;
    } catch {
      return 'The browser’s storage is full: your last run will not survive a reload.';
    }
  }
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `0x${value.toString(16)}` : value;
}
