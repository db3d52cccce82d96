/**
 * The Scale lab's settings and their share-link form, and the plain-words reading of a sweep. Pure, DOM-free.
 *
 * Link shape (next to the setup's parameters, which it leaves alone):
 *   ?preset=dex-rush&…&scale=1&scale-profile=js&scale-cores=8&scale-strategies=block-stm,dag&scale-point=block-stm:32
 *   ?scale=1&scale-block=p2p&scale-accounts=100&scale-txs=2000&scale-y=gas
 * A link is untrusted: decoding never throws, and a refusal names the field (`scale-cores: expected …, got "x"`).
 */
import { describeKey } from '../engine/evm/keys.ts';
import { show } from '../engine/scenario/errors.ts';
import { suggest } from '../engine/scenario/fields.ts';
import { STRATEGY_NAMES } from '../engine/strategies/catalog.ts';
import { JS_PROFILE } from '../sim/profile.ts';
import type { ScaleRow, ScaleSweep } from './coordinator/scaleProtocol.ts';
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
  strategies: string[];
  /** The chart's y axis: transactions or gas per second. */
  y: 'tx' | 'gas';
  /** The simulated run shown on the stage, if any. */
  point?: { strategy: string; workers: number };
}

export const SIM_WORKERS = [1, 2, 4, 8, 16, 32, 64, 128] as const;
export const MAX_SIM_WORKERS = 128;
export const LAB_LIMITS = { cores: [1, 1024], accounts: [2, 10_000_000], txs: [10, 20_000] } as const;
/** The strategies a sweep can draw (sequential is the baseline every speedup is against). */
export const LAB_STRATEGIES: readonly string[] = STRATEGY_NAMES.filter((s) => s !== 'sequential');

export function defaultLab(): LabState {
  return {
    block: 'run',
    profile: 'native',
    cores: JS_PROFILE.cores,
    accounts: 1000,
    txs: 1000,
    strategies: ['block-stm', 'occ-rounds', 'dag', 'access-locks', 'shards-graph'].filter((s) => LAB_STRATEGIES.includes(s)),
    y: 'tx',
  };
}

const KEYS = ['scale', 'scale-block', 'scale-profile', 'scale-cores', 'scale-accounts', 'scale-txs', 'scale-strategies', 'scale-y', 'scale-point'] as const;

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

// ————— reading a sweep in plain words —————

const rate = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(x >= 1e7 ? 0 : 1)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(x >= 1e4 ? 0 : 1)}k` : x.toFixed(0));
const OPTIMISTIC = ['block-stm', 'block-stm-deltas', 'occ-rounds', 'predictive'];

/** A line of the chart: its rows in worker order. */
export function linesOf(sweep: Pick<ScaleSweep, 'rows'>): Map<string, ScaleRow[]> {
  const lines = new Map<string, ScaleRow[]>();
  for (const r of sweep.rows) {
    const line = lines.get(r.strategy) ?? [];
    line.push(r);
    lines.set(r.strategy, line);
  }
  for (const line of lines.values()) line.sort((a, b) => a.requested - b.requested);
  return lines;
}

/** Where a line stops gaining: the last worker count after which doubling adds less than 10 %. */
export function kneeOf(line: readonly ScaleRow[]): ScaleRow | undefined {
  for (let i = 0; i + 1 < line.length; i++) if (line[i + 1]!.txPerSec < line[i]!.txPerSec * 1.1) return line[i];
  return undefined;
}

export interface Reading {
  /** A short title for the paragraph: `Amdahl`, `Hot keys`, … */
  topic: string;
  text: string;
}

/** Why the curves bend, in plain words, from the sweep's own figures. */
export function explainSweep(sweep: ScaleSweep): Reading[] {
  const out: Reading[] = [];
  const lines = linesOf(sweep);
  if (lines.size === 0) return out;
  const n = sweep.txCount;
  const best = sweep.rows.reduce((a, b) => (b.txPerSec > a.txPerSec ? b : a));

  // Where each line stops gaining, and what it is doing there.
  const bends: string[] = [];
  for (const [strategy, line] of lines) {
    const knee = kneeOf(line);
    const last = line.at(-1)!;
    if (!knee) {
      bends.push(`${strategy} still gains at ${last.requested} workers (${rate(last.txPerSec)} tx/s, ${last.speedup.toFixed(1)}×)`);
      continue;
    }
    const why = last.aborts > 0 ? `: ${groupDigits(last.aborts)} aborts at ${last.requested} workers for ${groupDigits(n)} transactions` : last.executions > n ? `: ${groupDigits(last.executions - n)} extra executions` : '';
    bends.push(`${strategy} stops gaining at ${knee.requested} worker${knee.requested === 1 ? '' : 's'} (${rate(knee.txPerSec)} tx/s, ${knee.speedup.toFixed(1)}×)${why}`);
  }
  out.push({ topic: 'Where the curves bend', text: `${bends.join('; ')}.` });

  // Amdahl: the coordinator is the serial part.
  const coordUs = sweep.costs.coordinatorUsPerTx;
  if (coordUs > 0) {
    const cap = 1e6 / coordUs;
    const share = best.txPerSec / cap;
    out.push({
      topic: 'Amdahl: the coordinator',
      text:
        `Every transaction's result goes through one coordinator (about ${fmtUs(coordUs)} µs each in the ${sweep.profile} profile, to send the task and take in the result) — the serial part of Amdahl's law. ` +
        `It alone caps any strategy at about ${rate(cap)} tx/s however many workers run, and re-executions cost it again. ` +
        `The best point here, ${best.strategy} on ${best.requested} workers, reaches ${rate(best.txPerSec)} tx/s (${Math.round(share * 100)} % of that cap).`,
    });
  }
  if (sweep.profile === 'js' && Number.isFinite(sweep.cores)) {
    out.push({
      topic: 'Cores',
      text: `The js profile simulates a machine with ${fmtNum(sweep.cores)} cores: workers beyond that share the CPU, so no line gets far past ${fmtNum(sweep.cores)}× the sequential run. Raise “cores” to ask what a bigger machine would do with this engine.`,
    });
  }

  // The dependency graph: hot keys and the critical path.
  const c = sweep.ceiling;
  if (c.edges > 0) {
    const hot = c.hotKeys[0];
    const optimistic = sweep.rows.filter((r) => OPTIMISTIC.includes(r.strategy));
    const worst = optimistic.length ? optimistic.reduce((a, b) => (b.aborts > a.aborts ? b : a)) : undefined;
    let text = `${groupDigits(n - c.independent)} of the ${groupDigits(n)} transactions read something an earlier one wrote (${groupDigits(c.edges)} dependencies)`;
    if (hot) text += `; ${groupDigits(hot.edges)} of them go through one key, ${describeKey(hot.key)}`;
    text += '. ';
    if (worst && worst.aborts > 0) {
      text += `Optimistic strategies run such transactions side by side, read a value before it is final and abort: ${worst.strategy} aborts ${groupDigits(worst.aborts)} times on ${worst.requested} workers — more workers, more transactions in flight at once, more collisions. `;
    } else text += 'Strategies that learn the accesses first wait for them instead of aborting. ';
    text += `The longest chain of dependent transactions (${groupDigits(c.criticalPathTxs)} long) carries 1/${c.speedupBound.toFixed(1)} of the gas: no schedule on any number of workers beats ${c.speedupBound.toFixed(1)}× sequential — the dashed ceiling, ${rate(c.txPerSec)} tx/s.`;
    out.push({ topic: 'Hot keys and the critical path', text });
  } else {
    out.push({ topic: 'Hot keys and the critical path', text: 'No transaction of this block reads what another wrote: the dependency graph sets no ceiling, only the costs below do.' });
  }

  // Sharding: cross-shard traffic.
  const sharded = sweep.rows.filter((r) => r.extra?.crossShardRatio !== undefined);
  if (sharded.length) {
    const s = sharded.reduce((a, b) => (b.requested > a.requested || (b.requested === a.requested && b.extra!.crossShardRatio! > a.extra!.crossShardRatio!) ? b : a));
    const small = sharded.filter((r) => r.strategy === s.strategy).sort((a, b) => a.requested - b.requested)[1];
    out.push({
      topic: 'Cross-shard traffic',
      text:
        `${s.strategy}: ${Math.round(s.extra!.crossShardRatio! * 100)} % of the transactions touch more than one of ${s.workers} shards` +
        (small?.extra?.crossShardRatio !== undefined ? ` (${Math.round(small.extra.crossShardRatio * 100)} % with ${small.workers})` : '') +
        `, and each such transaction waits for messages between shards (${fmtUs(sweep.costs.messageUs)} µs one way here): more shards, more of the block crosses.`,
    });
  }

  // Coordination cost: messages against execution.
  const { messageUs, execUsPerTx } = sweep.costs;
  out.push({
    topic: 'Coordination cost',
    text:
      `A transaction executes in about ${fmtUs(execUsPerTx)} µs here and a batch travels ${fmtUs(messageUs)} µs each way. ` +
      (2 * messageUs > execUsPerTx
        ? 'Messages cost more than the work they carry: with many workers the batches get small and the round trips dominate.'
        : 'Work outweighs messages, so batching keeps coordination cheap until the coordinator itself is the bottleneck.'),
  });

  // The 100k question.
  const crossing = [...lines].map(([strategy, line]) => ({ strategy, row: line.find((r) => r.txPerSec >= 100_000) })).filter((x) => x.row);
  out.push({
    topic: '100k TPS',
    text: crossing.length
      ? `${crossing.map((x) => `${x.strategy} passes 100k tx/s at ${x.row!.requested} workers`).join('; ')} (simulated).`
      : `Nothing reaches 100k tx/s on this block with the ${sweep.profile} profile; the best is ${best.strategy}, ${rate(best.txPerSec)} tx/s on ${best.requested} workers.` +
        (sweep.profile === 'js' ? ' Try the native profile: a native EVM executes a transfer in ~100 µs and hands work over in ~1 µs.' : ''),
  });
  return out;
}

function fmtUs(us: number): string {
  return us >= 100 ? groupDigits(Math.round(us)) : us >= 10 ? us.toFixed(0) : us.toFixed(1).replace(/\.0$/, '');
}

function fmtNum(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0+$/, '');
}
