/**
 * The Scale lab's settings, their share-link form, and what they ask the engine to simulate (`labRequest`: the
 * workers sweep and the sharding sweep, each with the key that says when it must run again). Pure, DOM-free.
 *
 * Link shape (next to the setup's parameters, which it leaves alone):
 *   ?preset=dex-rush&…&scale=1&scale-profile=js&scale-cores=8&scale-strategies=block-stm,dag&scale-point=block-stm:32
 *   ?scale=1&scale-block=p2p&scale-accounts=100&scale-txs=2000&scale-latency=250&scale-y=gas
 *   ?scale=1&scale-block=p2p&scale-accounts=20000&scale-communities=64&scale-cross=0.05&scale-point=shards-graph:16:1000
 * A link is untrusted: decoding never throws, and a refusal names the field (`scale-cores: expected …, got "x"`).
 */
import { show } from '../engine/scenario/errors.ts';
import { suggest } from '../engine/scenario/fields.ts';
import { STRATEGY_NAMES } from '../engine/strategies/catalog.ts';
import { JS_PROFILE } from '../sim/profile.ts';
import { isSharded } from '../sim/sweep.ts';
import type { ScaleBlock, ScaleParams } from './coordinator/scaleProtocol.ts';
import { groupDigits } from './format.ts';

export interface LabState {
  /** `run`: the last real run of the setup's scenario; `p2p`: a synthetic block of transfers. */
  block: 'run' | 'p2p';
  profile: 'js' | 'native';
  /** Cores of the simulated machine, js profile. */
  cores: number;
  /** Synthetic block: accounts the transfers are drawn among (fewer: more contention), and its size. */
  accounts: number;
  txs: number;
  /** Synthetic block, the sharding question: the accounts in this many groups of neighbours (1: none), and the
   * share of transfers that leave their sender's group. */
  communities: number;
  cross: number;
  /** Shards on separate machines: µs one way per message of the sharded strategies (0: one machine). */
  latency: number;
  strategies: string[];
  /** The chart's y axis: transactions or gas per second. */
  y: 'tx' | 'gas';
  /** The simulated run shown on the stage, if any. */
  point?: LabPoint;
}

/** A point of a chart: a strategy on a number of workers (a sharded strategy: shards), and for a point of the
 * sharding chart its network latency when it is not the lab's `latency`. */
export interface LabPoint {
  strategy: string;
  workers: number;
  latency?: number;
}

export const SIM_WORKERS = [1, 2, 4, 8, 16, 32, 64, 128] as const;
export const MAX_SIM_WORKERS = 128;
export const LAB_LIMITS = { cores: [1, 1024], accounts: [2, 10_000_000], txs: [10, 20_000], latency: [0, 1_000_000], communities: [1, 100_000], cross: [0, 1] } as const;
export type LabKnob = keyof typeof LAB_LIMITS;
/** Knobs that take fractions; the others take whole numbers. */
const DECIMAL_KNOBS: readonly LabKnob[] = ['cores', 'cross'];
/** The strategies a sweep can draw (sequential is the baseline every speedup is against). */
export const LAB_STRATEGIES: readonly string[] = STRATEGY_NAMES.filter((s) => s !== 'sequential');
/** The sharding chart: the sharded strategies on 1, 2, 4, …, 64 shards, their shards on one machine (0 µs), in a
 * datacentre (250 µs one way) and 1 ms apart — and at the lab's own `latency` when it is another. */
export const SHARD_STRATEGIES: readonly string[] = LAB_STRATEGIES.filter(isSharded);
export const SHARD_COUNTS = [1, 2, 4, 8, 16, 32, 64] as const;
export const SHARD_LATENCIES = [0, 250, 1000] as const;

export const shardLatencies = (lab: Pick<LabState, 'latency'>): number[] => [...new Set([...SHARD_LATENCIES, lab.latency])].sort((a, b) => a - b);

export function defaultLab(): LabState {
  return {
    block: 'run',
    profile: 'native',
    cores: JS_PROFILE.cores,
    accounts: 1000,
    txs: 1000,
    communities: 1,
    cross: 0.1,
    latency: 0,
    strategies: ['block-stm', 'occ-rounds', 'dag', 'access-locks', 'shards-graph'].filter((s) => LAB_STRATEGIES.includes(s)),
    y: 'tx',
  };
}

const KEYS = ['scale', 'scale-block', 'scale-profile', 'scale-cores', 'scale-accounts', 'scale-txs', 'scale-communities', 'scale-cross', 'scale-latency', 'scale-strategies', 'scale-y', 'scale-point'] as const;

export type DecodedLab = { ok: true; open: boolean; lab: LabState } | { ok: false; message: string };

class FieldError extends Error {}
const fail = (field: string, message: string): never => {
  throw new FieldError(`${field}: ${message}`);
};

/** A link → whether it opens the lab, and its settings (defaults for what it leaves out). Never throws. */
export function decodeLab(href: string): DecodedLab {
  try {
    return decode(href);
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, message: e.message };
    return { ok: false, message: `scale: the link could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

function decode(href: string): DecodedLab {
  const url = new URL(href, 'http://localhost/');
  const params = new Map<string, string>();
  for (const [k, value] of url.searchParams) {
    const lower = k.toLowerCase();
    if (!lower.startsWith('scale')) continue;
    if (!(KEYS as readonly string[]).includes(k)) {
      const guess = suggest(k, KEYS as unknown as string[]) ?? KEYS.find((x) => x === lower);
      fail(k.length > 40 ? `${k.slice(0, 36)}…` : k, `unknown parameter${guess ? ` (did you mean "${guess}"?)` : ` (known: ${KEYS.join(', ')})`}`);
    }
    if (params.has(k)) fail(k, 'given twice in the link');
    if (value.length > 400) fail(k, `too long (${value.length} characters)`);
    params.set(k, value);
  }
  const lab = defaultLab();
  const open = params.get('scale');
  if (open !== undefined && open !== '1' && open !== '0') fail('scale', `expected 1 (open the Scale lab) or 0, got ${show(open)}`);
  const pick = <T extends string>(key: string, options: readonly T[]): T | undefined => {
    const v = params.get(key);
    if (v === undefined) return undefined;
    if (!(options as readonly string[]).includes(v)) fail(key, `expected ${options.join(' or ')}, got ${show(v)}`);
    return v as T;
  };
  lab.block = pick('scale-block', ['run', 'p2p'] as const) ?? lab.block;
  lab.profile = pick('scale-profile', ['js', 'native'] as const) ?? lab.profile;
  lab.y = pick('scale-y', ['tx', 'gas'] as const) ?? lab.y;
  for (const knob of Object.keys(LAB_LIMITS) as LabKnob[]) {
    const text = params.get(`scale-${knob}`);
    if (text === undefined) continue;
    const v = parseKnob(knob, text, `scale-${knob}`);
    if (!v.ok) throw new FieldError(v.message);
    lab[knob] = v.value;
  }
  const list = params.get('scale-strategies');
  if (list !== undefined) {
    const names = list.split(',').map((s) => s.trim());
    if (names.length === 0 || names.some((s) => s === '')) fail('scale-strategies', `expected strategies separated by commas, got ${show(list)}`);
    for (const name of names) checkStrategy('scale-strategies', name);
    lab.strategies = LAB_STRATEGIES.filter((s) => names.includes(s));
  }
  const point = params.get('scale-point');
  if (point !== undefined) {
    const m = /^([a-z0-9-]+):(\d{1,4})(?::(\d{1,9}))?$/.exec(point);
    if (!m) fail('scale-point', `expected strategy:workers, or strategy:shards:µs for the sharding chart (e.g. block-stm:32, shards-graph:16:250), got ${show(point)}`);
    const strategy = m![1]!;
    checkStrategy('scale-point', strategy);
    lab.point = { strategy, workers: numberIn('scale-point', m![2]!, 1, MAX_SIM_WORKERS, true) };
    if (m![3] !== undefined) {
      if (!isSharded(strategy)) fail('scale-point', `a network latency goes with a sharded strategy (${SHARD_STRATEGIES.join(', ')}), got ${show(point)}`);
      const latency = numberIn('scale-point', m![3], ...LAB_LIMITS.latency, true);
      if (latency !== lab.latency) lab.point.latency = latency;
    }
  }
  if (lab.block === 'p2p' && lab.profile === 'js') fail('scale-profile', 'js needs a recorded run (a synthetic block has no measured costs): use native, or scale-block=run');
  return { ok: true, open: open === '1', lab };
}

function checkStrategy(field: string, name: string): void {
  if (LAB_STRATEGIES.includes(name)) return;
  const guess = suggest(name, LAB_STRATEGIES);
  fail(field, `unknown strategy ${show(name)} (${guess ? `did you mean "${guess}"? ` : ''}known: ${LAB_STRATEGIES.join(', ')})`);
}

/** A knob's text (typed, or from a link) → its value, or a message naming `field`. */
export function parseKnob(knob: LabKnob, text: string, field: string = knob): { ok: true; value: number } | { ok: false; message: string } {
  try {
    const [lo, hi] = LAB_LIMITS[knob];
    return { ok: true, value: numberIn(field, text, lo, hi, !DECIMAL_KNOBS.includes(knob)) };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, message: e.message };
    throw e;
  }
}

function numberIn(field: string, text: string, lo: number, hi: number, whole: boolean): number {
  const n = (whole ? /^\d{1,9}$/ : /^\d{1,9}(\.\d{1,6})?$/).test(text.trim()) ? Number(text) : NaN;
  if (!Number.isFinite(n) || n < lo || n > hi) fail(field, `expected ${whole ? 'a whole number' : 'a number'} from ${groupDigits(lo)} to ${groupDigits(hi)}, got ${show(text)}`);
  return n;
}

/** The lab's parameters (only those that differ from the defaults), or none when it is closed. */
export function encodeLab(open: boolean, lab: LabState): [string, string][] {
  if (!open) return [];
  const d = defaultLab();
  const out: [string, string][] = [['scale', '1']];
  if (lab.block !== d.block) out.push(['scale-block', lab.block]);
  if (lab.profile !== d.profile) out.push(['scale-profile', lab.profile]);
  if (lab.profile === 'js' && lab.cores !== d.cores) out.push(['scale-cores', String(lab.cores)]);
  if (lab.block === 'p2p') {
    if (lab.accounts !== d.accounts) out.push(['scale-accounts', String(lab.accounts)]);
    if (lab.txs !== d.txs) out.push(['scale-txs', String(lab.txs)]);
    if (lab.communities !== d.communities) out.push(['scale-communities', String(lab.communities)]);
    if (lab.cross !== d.cross) out.push(['scale-cross', String(lab.cross)]);
  }
  if (lab.latency !== d.latency) out.push(['scale-latency', String(lab.latency)]);
  if (lab.strategies.join(',') !== d.strategies.join(',')) out.push(['scale-strategies', lab.strategies.join(',')]);
  if (lab.y !== d.y) out.push(['scale-y', lab.y]);
  if (lab.point) out.push(['scale-point', pointText(lab.point)]);
  return out;
}

/** A point as the link writes it: `block-stm:32`, or `shards-graph:16:250` for one of the sharding chart's lines. */
export const pointText = (p: LabPoint): string => `${p.strategy}:${p.workers}${p.latency !== undefined ? `:${p.latency}` : ''}`;

/** The network latency a point's run pays between shards (none for a strategy that is not sharded). */
export const pointLatency = (lab: Pick<LabState, 'latency'>, p: LabPoint): number => (isSharded(p.strategy) ? (p.latency ?? lab.latency) : 0);

/** The point a click asks for: a sharding chart's latency is kept only when it is not the lab's own. */
export function labPoint(lab: Pick<LabState, 'latency'>, strategy: string, workers: number, latency?: number): LabPoint {
  return latency === undefined || latency === lab.latency || !isSharded(strategy) ? { strategy, workers } : { strategy, workers, latency };
}

export interface LabRequest {
  params: ScaleParams;
  /** Changes when the workers sweep must run again: the block, the profile, the latency, the strategies. */
  key: string;
  /** Changes when the sharding sweep must run again: the block, the profile, its latencies. */
  shardKey: string;
}

/** What the lab asks the engine to simulate: its synthetic block, or `recorded` (the last real run; null while
 * there is none, and so is the request). */
export function labRequest(lab: LabState, recorded: Extract<ScaleBlock, { kind: 'recorded' }> | null): LabRequest | null {
  let block: ScaleBlock;
  let blockKey: string;
  if (lab.block === 'p2p') {
    const grouped = lab.communities > 1 ? { communities: lab.communities, crossShare: lab.cross } : {};
    block = { kind: 'p2p', txs: lab.txs, accounts: lab.accounts, ...grouped };
    blockKey = `p2p|${lab.txs}|${lab.accounts}|${lab.communities > 1 ? `${lab.communities}|${lab.cross}` : ''}`;
  } else if (recorded) {
    const t = recorded.trace;
    block = recorded;
    blockKey = `${recorded.label}|${t.strategy}|${t.workers}|${t.txCount}|${t.events.length}|${t.events.at(-1)?.t ?? 0}`;
  } else return null;
  const profile = lab.block === 'p2p' ? 'native' : lab.profile;
  const params: ScaleParams = { block, profile, ...(profile === 'js' ? { cores: lab.cores } : {}), ...(lab.latency > 0 ? { networkLatencyUs: lab.latency } : {}) };
  const base = `${blockKey}|${profile}|${params.cores ?? ''}`;
  return { params, key: `${base}|${lab.latency}|${lab.strategies.join(',')}`, shardKey: `${base}|${shardLatencies(lab).join(',')}` };
}

/** The parameters that simulate `point` again (a point of the sharding chart has its own latency). */
export function pointParams(params: ScaleParams, lab: Pick<LabState, 'latency'>, point: LabPoint): ScaleParams {
  const { networkLatencyUs: _, ...rest } = params;
  const latency = pointLatency(lab, point);
  return latency > 0 ? { ...rest, networkLatencyUs: latency } : rest;
}

/** The page's URL with the lab's parameters replaced (everything else kept as it was). */
export function mergeLabIntoUrl(href: string, open: boolean, lab: LabState): string {
  const url = new URL(href);
  const kept = [...url.searchParams].filter(([k]) => !(KEYS as readonly string[]).includes(k));
  const query = new URLSearchParams([...kept, ...encodeLab(open, lab)]).toString();
  return `${url.origin}${url.pathname}${query ? `?${query.replace(/%2C/gi, ',').replace(/%3A/gi, ':')}` : ''}${url.hash}`;
}
