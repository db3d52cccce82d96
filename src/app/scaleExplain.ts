/**
 * The Scale lab's reading of a sweep: why the curves bend, in plain words, from the sweep's own figures (Amdahl's
 * serial part — the coordinator —, cores, hot keys and the critical path, cross-shard traffic, coordination cost, and
 * the 100k TPS question). Pure; loaded with the lab, not with the page.
 */
import { describeKey } from '../engine/evm/keys.ts';
import type { ScaleRow, ScaleSweep } from './coordinator/scaleProtocol.ts';
import { groupDigits } from './format.ts';

/** 1234 → `1.2k`, 123456 → `123k`. */
export const rate = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(x >= 1e7 ? 0 : 1)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(x >= 1e4 ? 0 : 1)}k` : x.toFixed(0));
const OPTIMISTIC = ['block-stm', 'block-stm-deltas', 'occ-rounds', 'predictive'];

/** The lines of a chart (by default one per strategy), each with its rows in worker order. */
export function linesOf(sweep: Pick<ScaleSweep, 'rows'>, lineOf: (r: ScaleRow) => string = (r) => r.strategy): Map<string, ScaleRow[]> {
  const lines = new Map<string, ScaleRow[]>();
  for (const r of sweep.rows) {
    const line = lines.get(lineOf(r)) ?? [];
    line.push(r);
    lines.set(lineOf(r), line);
  }
  for (const line of lines.values()) line.sort((a, b) => a.requested - b.requested);
  return lines;
}

/** Where a line stops gaining: the fewest workers within 10 % of its best throughput (undefined while the last point
 * is still its best by more than that: the line still gains). */
export function kneeOf(line: readonly ScaleRow[]): ScaleRow | undefined {
  if (line.length === 0) return undefined;
  const peak = Math.max(...line.map((r) => r.txPerSec));
  const knee = line.find((r) => r.txPerSec * 1.1 >= peak)!;
  return knee === line.at(-1) ? undefined : knee;
}

export interface Reading {
  /** A short title for the paragraph: `Amdahl`, `Hot keys`, … */
  topic: string;
  text: string;
  /** One line each (a list under the text). */
  items?: string[];
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
    const peak = line.reduce((a, b) => (b.txPerSec > a.txPerSec ? b : a));
    const why =
      last.aborts > 0
        ? `${groupDigits(last.aborts)} aborts at ${last.requested} workers for ${groupDigits(n)} transactions`
        : last.executions > n
          ? `${groupDigits(last.executions - n)} executions beyond one per transaction (hint passes, re-runs)`
          : '';
    let text = `${strategy} stops gaining at ${plural(knee.requested, 'worker')} (${rate(knee.txPerSec)} tx/s, ${knee.speedup.toFixed(1)}×)`;
    if (last.txPerSec * 1.1 < peak.txPerSec) text += `, then loses: ${rate(last.txPerSec)} tx/s at ${last.requested} workers`;
    bends.push(why ? `${text} — ${why}` : text);
  }
  out.push({ topic: 'Where the curves bend', text: 'A line stops gaining where more workers add less than 10 % to its best:', items: bends });

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
        `The best point here, ${best.strategy} on ${plural(best.requested, 'worker')}, reaches ${rate(best.txPerSec)} tx/s` +
        (share >= 0.5 ? ` — ${Math.round(share * 100)} % of that cap: the coordinator is what stops it.` : share >= 0.01 ? ` (${Math.round(share * 100)} % of that cap): something else stops it first.` : ': far below that cap, something else stops it first.'),
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
      const few = optimistic.filter((r) => r.strategy === worst.strategy).sort((a, b) => a.requested - b.requested)[0]!;
      text += `Optimistic strategies run such transactions side by side, read a value before it is final and abort: ${worst.strategy} aborts ${groupDigits(worst.aborts)} times on ${plural(worst.requested, 'worker')}`;
      text += few.requested < worst.requested && few.aborts < worst.aborts ? ` (${groupDigits(few.aborts)} on ${plural(few.requested, 'worker')}): more workers, more transactions in flight at once, more collisions. ` : '. ';
    } else text += 'Strategies that learn the accesses first wait for them instead of aborting. ';
    text += `The longest chain of dependent transactions (${groupDigits(c.criticalPathTxs)} of them) carries ${Math.round(100 / c.speedupBound)} % of the block's gas: no schedule on any number of workers beats ${c.speedupBound.toFixed(1)}× sequential — the dashed ceiling, ${rate(c.txPerSec)} tx/s.`;
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
        s.extra!.crossShardRatio! === 0
          ? `${s.strategy} keeps every transaction on one shard, even with ${s.workers} shards: no messages between shards on this block, so its curve bends for the other reasons.`
          : `${s.strategy}: ${Math.round(s.extra!.crossShardRatio! * 100)} % of the transactions touch more than one of ${s.workers} shards` +
            (small?.extra?.crossShardRatio !== undefined ? ` (${Math.round(small.extra.crossShardRatio * 100)} % with ${small.workers})` : '') +
            `, and each such transaction waits for messages between shards (${fmtUs(sweep.costs.messageUs + sweep.costs.networkLatencyUs)} µs one way here${sweep.costs.networkLatencyUs > 0 ? `, ${fmtUs(sweep.costs.networkLatencyUs)} of them the network between machines` : ''}): more shards, more of the block crosses.`,
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

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function fmtUs(us: number): string {
  return us >= 100 ? groupDigits(Math.round(us)) : us >= 10 ? us.toFixed(0) : us.toFixed(1).replace(/\.0$/, '');
}

function fmtNum(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0+$/, '');
}
