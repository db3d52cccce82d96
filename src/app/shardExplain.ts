/**
 * The Scale lab's reading of its sharding sweep (shards × network latency, `EngineApi.shardSweep`), in plain words
 * from the sweep's own figures: what share of the block crossed shards under each placement, what each latency
 * between machines cost at the largest shard count, and where adding shards stops paying. A placement decides how
 * much of the block needs messages between shards; the network prices each message; so latency hurts a placement in
 * proportion to what it splits. Pure; loaded with the lab.
 */
import type { ScaleRow, ShardSweep } from './coordinator/scaleProtocol.ts';
import { groupDigits } from './format.ts';
import { fmtUs, kneeOf, linesOf, plural, rate, type Reading } from './scaleExplain.ts';

/** How a sharded strategy puts accounts on shards, in words. */
const PLACEMENT: Record<string, string> = {
  shards: 'accounts placed by a hash of their address',
  'shards-graph': 'accounts placed by who transacts with whom',
};

export interface ShardLine {
  strategy: string;
  /** One-way µs between the shards' machines (0: one machine). */
  latency: number;
  /** In shard order. */
  rows: ScaleRow[];
}

/** One line per strategy × latency: strategies in the sweep's order, then latencies from the nearest. */
export function shardLinesOf(sweep: Pick<ShardSweep, 'rows'>): ShardLine[] {
  const order = [...new Set(sweep.rows.map((r) => r.strategy))];
  return [...linesOf(sweep, (r) => `${r.strategy}@${r.networkLatencyUs}`).values()]
    .map((rows) => ({ strategy: rows[0]!.strategy, latency: rows[0]!.networkLatencyUs, rows }))
    .sort((a, b) => order.indexOf(a.strategy) - order.indexOf(b.strategy) || a.latency - b.latency);
}

/** The share of a run's transactions that touched more than one shard (`RunStats.extra.crossShardRatio`). */
export const crossShare = (r: ScaleRow): number | undefined => r.extra?.crossShardRatio;

const pct = (x: number): string => `${Math.round(x * 100)} %`;
const us = (latency: number): string => `${fmtUs(latency)} µs`;

/** What the sharding chart shows, and why, from its figures. */
export function explainShards(sweep: ShardSweep): Reading[] {
  const lines = shardLinesOf(sweep);
  if (lines.length === 0) return [];
  const strategies = [...new Set(lines.map((l) => l.strategy))];
  const latencies = [...new Set(lines.map((l) => l.latency))].sort((a, b) => a - b);
  const most = Math.max(...sweep.rows.map((r) => r.shards));
  const at = (strategy: string, latency: number, shards: number) => lines.find((l) => l.strategy === strategy && l.latency === latency)?.rows.find((r) => r.shards === shards);
  const near = latencies[0]!;
  const seq = sweep.sequential.txPerSec;
  const out: Reading[] = [];

  // What crossed shards: the placement decides it (the network does not move accounts).
  const split = strategies.flatMap((strategy) => {
    const top = at(strategy, near, most);
    const two = at(strategy, near, 2);
    const share = top && crossShare(top);
    if (share === undefined) return [];
    let text = `${strategy}${PLACEMENT[strategy] ? ` (${PLACEMENT[strategy]})` : ''}: ${pct(share)} of the transactions touched more than one of ${most} shards`;
    if (two && most !== 2 && crossShare(two) !== undefined) text += ` (${pct(crossShare(two)!)} with 2)`;
    return [{ strategy, share, text }];
  });
  if (split.length) {
    const design = sweep.design ? `This block puts its accounts in ${groupDigits(sweep.design.communities)} communities and sends ${pct(sweep.design.crossShare)} of its transfers outside the sender's. ` : '';
    out.push({
      topic: 'What crosses shards',
      text: `${design}A transaction whose accounts sit on different shards needs messages between them. The placement decides how many do, the same at every latency:`,
      items: split.map((s) => s.text),
    });
  }

  // What the network cost, at the most shards.
  if (latencies.length > 1) {
    const items = strategies.flatMap((strategy) => {
      const base = at(strategy, near, most);
      if (!base) return [];
      const costs = latencies.slice(1).flatMap((l) => {
        const r = at(strategy, l, most);
        return r ? [`${us(l)} costs ${pct(1 - r.txPerSec / base.txPerSec)} (${rate(r.txPerSec)} tx/s)`] : [];
      });
      return [`${strategy}, ${rate(base.txPerSec)} tx/s at ${us(near)}: ${costs.join('; ')}`];
    });
    const far = latencies.at(-1)!;
    const losses = split
      .map((s) => ({ ...s, base: at(s.strategy, near, most), far: at(s.strategy, far, most) }))
      .filter((s) => s.base && s.far)
      .map((s) => ({ ...s, loss: 1 - s.far!.txPerSec / s.base!.txPerSec }))
      .sort((a, b) => b.share - a.share);
    let text =
      `With the shards on separate machines, every batch to a shard and every result back pays the latency one way — a transaction kept on one shard too, so no line escapes it — and a transaction that crosses shards waits for more of those messages. On ${most} shards:`;
    if (losses.length > 1 && losses.every((s, i) => i === 0 || s.loss <= losses[i - 1]!.loss) && losses[0]!.share > losses.at(-1)!.share) {
      text += ` the more of the block crosses, the more the network costs (at ${us(far)}: ${losses.map((s) => `${s.strategy}, ${pct(s.share)} crossing, loses ${pct(s.loss)}`).join('; ')}).`;
    }
    out.push({ topic: 'What the network costs', text, items });
  }

  // Where adding shards stops paying.
  const bends = lines.map((l) => {
    const last = l.rows.at(-1)!;
    const best = l.rows.reduce((a, b) => (b.txPerSec > a.txPerSec ? b : a));
    const knee = kneeOf(l.rows);
    let text = `${l.strategy}, ${us(l.latency)}: `;
    text += knee
      ? `stops gaining at ${plural(knee.shards, 'shard')} (${rate(knee.txPerSec)} tx/s)${last.txPerSec * 1.1 < best.txPerSec ? `, then loses: ${rate(last.txPerSec)} tx/s at ${last.shards}` : ''}`
      : `still gains at ${plural(last.shards, 'shard')} (${rate(last.txPerSec)} tx/s, ${last.speedup.toFixed(1)}× sequential)`;
    const [one, two] = l.rows;
    if (one && two && two.shards === 2 && two.txPerSec < one.txPerSec) {
      text += `; 2 shards are slower than 1${crossShare(two) ? ` (${pct(crossShare(two)!)} of the block crosses the first split)` : ''}`;
    }
    const beats = l.rows.find((r) => r.txPerSec > seq);
    text += beats ? (beats === one ? '' : `; beats the sequential run from ${plural(beats.shards, 'shard')} on`) : '; never beats the sequential run on one machine';
    return text;
  });
  out.push({
    topic: 'Where adding shards stops paying',
    text: `Each shard adds a machine's worth of execution, and under a placement that splits the block, messages. A line stops gaining where more shards add less than 10 % to its best; the simulated sequential run, for scale, does ${rate(seq)} tx/s:`,
    items: bends,
  });

  // The 100k question.
  const crossing = lines.flatMap((l) => {
    const r = l.rows.find((x) => x.txPerSec >= 100_000);
    return r ? [`${l.strategy} at ${us(l.latency)} from ${plural(r.shards, 'shard')}`] : [];
  });
  const best = sweep.rows.reduce((a, b) => (b.txPerSec > a.txPerSec ? b : a));
  out.push({
    topic: '100k TPS',
    text: crossing.length
      ? `Past 100k tx/s (simulated): ${crossing.join('; ')}.`
      : `No line reaches 100k tx/s on this block; the best is ${best.strategy} on ${plural(best.shards, 'shard')} at ${us(best.networkLatencyUs)}, ${rate(best.txPerSec)} tx/s.`,
  });

  if (sweep.profile === 'js' && Number.isFinite(sweep.cores)) {
    out.push({
      topic: 'One machine’s cores',
      text: `The js profile simulates one machine with ${+sweep.cores.toFixed(2)} cores, and every shard shares them even “on separate machines”: these lines show this engine's messages and coordination, not what more machines would add. The native profile gives each shard a core of its own.`,
    });
  }
  return out;
}
