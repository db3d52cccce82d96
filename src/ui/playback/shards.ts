/**
 * The shards view's figures at one playback time: per shard, the transactions routed to it (home shard: the first
 * of `shards`) by phase, and the cross-shard messages sent so far grouped into flows between shard pairs, and the
 * pixel geometry they are drawn with. Pure: `ShardsView.svelte` only draws these.
 */
import { txPhaseAt } from './query.ts';
import { upperBoundBy } from './sorted.ts';
import type { ShardMessage } from './model.ts';
import type { TraceIndex } from './traceIndex.ts';

export interface ShardColumn {
  /** Transactions whose home shard this is, routed by `t`. */
  routed: number;
  /** Of those, the ones touching more than one shard. */
  cross: number;
  waiting: number;
  running: number;
  committed: number;
}

export function shardColumns(ix: TraceIndex, t: number): ShardColumn[] {
  const n = Math.max(ix.workers, 1);
  const cols = Array.from({ length: n }, (): ShardColumn => ({ routed: 0, cross: 0, waiting: 0, running: 0, committed: 0 }));
  const k = upperBoundBy(ix.routes, t, (r) => r.t);
  for (let i = 0; i < k; i++) {
    const r = ix.routes[i];
    const c = cols[r.shards[0]];
    if (!c) continue;
    c.routed++;
    if (r.shards.length > 1) c.cross++;
    const p = txPhaseAt(ix, r.tx, t);
    if (p === 'committed') c.committed++;
    else if (p === 'executing' || p === 'validating') c.running++;
    else c.waiting++;
  }
  return cols;
}

export interface ShardFlow {
  from: number;
  to: number;
  /** Messages from → to by `t`. */
  n: number;
  /** One of them was sent in the last 3 % of the run before `t`. */
  recent: boolean;
}

/** When a message shows up: when sent, or when received if its send was not recorded. */
export const messageTime = (m: ShardMessage): number => (Number.isNaN(m.sent) ? m.received : m.sent);

/** Messages by `t` grouped by (from, to), in order of each pair's first message. `ix.messages` is sorted by
 * `messageTime`, so only the messages before `t` are visited. */
export function shardFlows(ix: TraceIndex, t: number): ShardFlow[] {
  const m = new Map<string, ShardFlow>();
  const recentFrom = t - Math.max(1, (ix.end - ix.start) * 0.03);
  const k = upperBoundBy(ix.messages, t, messageTime);
  for (let i = 0; i < k; i++) {
    const msg = ix.messages[i];
    const id = `${msg.from}>${msg.to}`;
    let f = m.get(id);
    if (!f) m.set(id, (f = { from: msg.from, to: msg.to, n: 0, recent: false }));
    f.n++;
    if (messageTime(msg) >= recentFrom) f.recent = true;
  }
  return [...m.values()];
}

/** Pixel geometry of the shards view: `width` wide, `height` tall, bars below `top`. */
export interface ShardsGeometry {
  colW: number;
  /** Centre of shard i's column. */
  cx(i: number): number;
  /** The arc of a flow, above the columns (back-flows a little lower, so a pair's two directions do not overlap). */
  flowPath(f: { from: number; to: number }): string;
  /** Height of a bar of n transactions (the fullest shard fills the plot). */
  barH(n: number): number;
  /** Arc stroke width for n messages. */
  strokeFor(n: number): number;
}

export function shardsGeometry(columns: readonly ShardColumn[], width: number, height: number, top: number): ShardsGeometry {
  const colW = width / Math.max(1, columns.length);
  const maxRouted = Math.max(1, ...columns.map((s) => s.routed));
  const cx = (i: number): number => i * colW + colW / 2;
  return {
    colW,
    cx,
    flowPath: (f) => {
      const x1 = cx(f.from);
      const x2 = cx(f.to);
      const lift = 14 + Math.min(40, Math.abs(x2 - x1) / 6);
      const y = top - 8 + (f.from < f.to ? 0 : 6);
      return `M${x1},${y} C${x1},${y - lift} ${x2},${y - lift} ${x2},${y}`;
    },
    barH: (n) => ((height - top - 24) * n) / maxRouted,
    strokeFor: (n) => Math.min(6, 1 + Math.log2(n)),
  };
}
