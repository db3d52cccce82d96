/**
 * The Scale lab's settings and their share-link form, and the plain-words reading of a sweep. Pure, DOM-free.
 *
 * Link shape (next to the setup's parameters, which it leaves alone):
 *   ?preset=dex-rush&…&scale=1&scale-profile=js&scale-cores=8&scale-strategies=block-stm,dag&scale-point=block-stm:32
 *   ?scale=1&scale-block=p2p&scale-accounts=100&scale-txs=2000&scale-latency=250&scale-y=gas
 * A link is untrusted: decoding never throws, and a refusal names the field (`scale-cores: expected …, got "x"`).
 */
import { show } from '../engine/scenario/errors.ts';
import { suggest } from '../engine/scenario/fields.ts';
import { STRATEGY_NAMES } from '../engine/strategies/catalog.ts';
import { JS_PROFILE } from '../sim/profile.ts';
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
  /** Shards on separate machines: µs one way per message of the sharded strategies (0: one machine). */
  latency: number;
  strategies: string[];
  /** The chart's y axis: transactions or gas per second. */
  y: 'tx' | 'gas';
  /** The simulated run shown on the stage, if any. */
  point?: { strategy: string; workers: number };
}

export const SIM_WORKERS = [1, 2, 4, 8, 16, 32, 64, 128] as const;
export const MAX_SIM_WORKERS = 128;
export const LAB_LIMITS = { cores: [1, 1024], accounts: [2, 10_000_000], txs: [10, 20_000], latency: [0, 1_000_000] } as const;
/** The strategies a sweep can draw (sequential is the baseline every speedup is against). */
export const LAB_STRATEGIES: readonly string[] = STRATEGY_NAMES.filter((s) => s !== 'sequential');

export function defaultLab(): LabState {
  return {
    block: 'run',
    profile: 'native',
    cores: JS_PROFILE.cores,
    accounts: 1000,
    txs: 1000,
    latency: 0,
    strategies: ['block-stm', 'occ-rounds', 'dag', 'access-locks', 'shards-graph'].filter((s) => LAB_STRATEGIES.includes(s)),
    y: 'tx',
  };
}

const KEYS = ['scale', 'scale-block', 'scale-profile', 'scale-cores', 'scale-accounts', 'scale-txs', 'scale-latency', 'scale-strategies', 'scale-y', 'scale-point'] as const;

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
  const cores = params.get('scale-cores');
  if (cores !== undefined) lab.cores = numberIn('scale-cores', cores, ...LAB_LIMITS.cores, false);
  const accounts = params.get('scale-accounts');
  if (accounts !== undefined) lab.accounts = numberIn('scale-accounts', accounts, ...LAB_LIMITS.accounts, true);
  const txs = params.get('scale-txs');
  if (txs !== undefined) lab.txs = numberIn('scale-txs', txs, ...LAB_LIMITS.txs, true);
  const latency = params.get('scale-latency');
  if (latency !== undefined) lab.latency = numberIn('scale-latency', latency, ...LAB_LIMITS.latency, true);
  const list = params.get('scale-strategies');
  if (list !== undefined) {
    const names = list.split(',').map((s) => s.trim());
    if (names.length === 0 || names.some((s) => s === '')) fail('scale-strategies', `expected strategies separated by commas, got ${show(list)}`);
    for (const name of names) checkStrategy('scale-strategies', name);
    lab.strategies = LAB_STRATEGIES.filter((s) => names.includes(s));
  }
  const point = params.get('scale-point');
  if (point !== undefined) {
    const m = /^([a-z0-9-]+):(\d{1,4})$/.exec(point);
    if (!m) fail('scale-point', `expected strategy:workers (e.g. block-stm:32), got ${show(point)}`);
    checkStrategy('scale-point', m![1]!);
    lab.point = { strategy: m![1]!, workers: numberIn('scale-point', m![2]!, 1, MAX_SIM_WORKERS, true) };
  }
  if (lab.block === 'p2p' && lab.profile === 'js') fail('scale-profile', 'js needs a recorded run (a synthetic block has no measured costs): use native, or scale-block=run');
  return { ok: true, open: open === '1', lab };
}

function checkStrategy(field: string, name: string): void {
  if (LAB_STRATEGIES.includes(name)) return;
  const guess = suggest(name, LAB_STRATEGIES);
  fail(field, `unknown strategy ${show(name)} (${guess ? `did you mean "${guess}"? ` : ''}known: ${LAB_STRATEGIES.join(', ')})`);
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
  }
  if (lab.latency !== d.latency) out.push(['scale-latency', String(lab.latency)]);
  if (lab.strategies.join(',') !== d.strategies.join(',')) out.push(['scale-strategies', lab.strategies.join(',')]);
  if (lab.y !== d.y) out.push(['scale-y', lab.y]);
  if (lab.point) out.push(['scale-point', `${lab.point.strategy}:${lab.point.workers}`]);
  return out;
}

/** The page's URL with the lab's parameters replaced (everything else kept as it was). */
export function mergeLabIntoUrl(href: string, open: boolean, lab: LabState): string {
  const url = new URL(href);
  const kept = [...url.searchParams].filter(([k]) => !(KEYS as readonly string[]).includes(k));
  const query = new URLSearchParams([...kept, ...encodeLab(open, lab)]).toString();
  return `${url.origin}${url.pathname}${query ? `?${query.replace(/%2C/gi, ',').replace(/%3A/gi, ':')}` : ''}${url.hash}`;
}
