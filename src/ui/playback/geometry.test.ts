import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../../engine/trace/events.ts';
import { type LabelSpot, laneRows, pickLane, placeLabels } from './lanes.ts';
import { queueLayout, tokenAt } from './queue.ts';
import { messageTime, shardColumns, shardFlows, shardsGeometry } from './shards.ts';
import { TraceIndex, indexTrace } from './traceIndex.ts';
import { ev } from './testEvents.ts';

const C = -1;
const ok = { reads: [], writes: [], gas: 1, status: 'success' };

/** Three shards: tx 0 stays on shard 0, tx 1 (home 1) also touches shard 2 and trades two messages with it. */
function sharded(): Trace {
  return {
    strategy: 'shards',
    workers: 3,
    txCount: 3,
    events: [
      ev(0, C, 0, 0, { kind: 'shard-route', shards: [0] }),
      ev(0, C, 1, 0, { kind: 'shard-route', shards: [1, 2] }),
      ev(1, C, 2, 0, { kind: 'shard-route', shards: [0] }),
      ev(2, 0, 0, 0, { kind: 'exec-start' }),
      ev(2, 1, 1, 0, { kind: 'exec-start' }),
      ev(3, 1, 1, 0, { kind: 'cross-shard-send', toShard: 2, key: 'k' }),
      ev(5, 2, 1, 0, { kind: 'cross-shard-recv', fromShard: 1, key: 'k' }),
      ev(6, 2, 1, 0, { kind: 'cross-shard-send', toShard: 1, key: 'k' }),
      ev(7, 0, 0, 0, { kind: 'exec-end', ...ok }),
      ev(8, C, 0, 0, { kind: 'commit', gas: 1 }),
      ev(9, 1, 1, 0, { kind: 'cross-shard-recv', fromShard: 2, key: 'k' }),
      ev(10, 1, 1, 0, { kind: 'exec-end', ...ok }),
      ev(11, C, 1, 0, { kind: 'commit', gas: 1 }),
    ],
  };
}

describe('shards', () => {
  it('counts each shard’s transactions by phase, and the messages between shards so far', () => {
    const ix = indexTrace(sharded());
    expect(ix.messages.map((m) => [m.from, m.to, m.sent, m.received])).toEqual([
      [1, 2, 3, 5],
      [2, 1, 6, 9],
    ]);
    expect(shardColumns(ix, 4)).toEqual([
      { routed: 2, cross: 0, waiting: 1, running: 1, committed: 0 },
      { routed: 1, cross: 1, waiting: 0, running: 1, committed: 0 },
      { routed: 0, cross: 0, waiting: 0, running: 0, committed: 0 },
    ]);
    expect(shardColumns(ix, 11).map((c) => c.committed)).toEqual([1, 1, 0]);
    expect(shardFlows(ix, 2)).toEqual([]);
    expect(shardFlows(ix, 4)).toEqual([{ from: 1, to: 2, n: 1, recent: true }]); // sent within the last 3 % of the run (or 1 µs)
    expect(shardFlows(ix, 5)).toEqual([{ from: 1, to: 2, n: 1, recent: false }]);
    expect(shardFlows(ix, 6).map((f) => [f.from, f.to, f.n, f.recent])).toEqual([
      [1, 2, 1, false],
      [2, 1, 1, true],
    ]);
  });

  it('matches every receive to its send whatever order they arrive in and however they are batched', () => {
    // n messages between random shard pairs, keys and transactions, each sent then received; delivered in any order.
    const arb = fc.array(fc.record({ tx: fc.nat(3), from: fc.nat(3), to: fc.nat(3), key: fc.constantFrom('a', 'b'), sent: fc.nat(1000), lag: fc.nat(50) }), { maxLength: 30 });
    fc.assert(
      fc.property(arb, fc.nat(5), fc.infiniteStream(fc.nat()), (msgs, batches, order) => {
        const events = msgs.flatMap((m) => [
          ev(m.sent, m.from, m.tx, 0, { kind: 'cross-shard-send', toShard: m.to, key: m.key }),
          ev(m.sent + m.lag, m.to, m.tx, 0, { kind: 'cross-shard-recv', fromShard: m.from, key: m.key }),
        ]);
        // Sends stay before their receives (the engine records them in that order); the rest is shuffled across batches.
        const it = order[Symbol.iterator]();
        const shuffled = [...events].sort(() => (it.next().value % 3) - 1).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'cross-shard-send' ? -1 : 1));
        const ix = new TraceIndex();
        const trace: Trace = { strategy: 'shards', workers: 4, txCount: 4, events: [] };
        const step = Math.max(1, Math.ceil(shuffled.length / (batches + 1)));
        for (let i = 0; i < shuffled.length; i += step) {
          trace.events.push(...shuffled.slice(i, i + step));
          ix.update(trace);
        }
        expect(ix.messages.length).toBe(msgs.length);
        expect(ix.messages.every((m) => !Number.isNaN(m.sent) && !Number.isNaN(m.received))).toBe(true);
        const times = ix.messages.map(messageTime);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        // Each pair of shards carries as many messages as were sent between them.
        const count = (xs: { from: number; to: number }[]) => xs.map((m) => `${m.from}>${m.to}`).sort().join(',');
        expect(count(ix.messages)).toBe(count(msgs));
      }),
      { numRuns: 150 },
    );
  });

  it('lays shards out in equal columns, bars scaled to the fullest shard, arcs above them', () => {
    const cols = shardColumns(indexTrace(sharded()), 11);
    const g = shardsGeometry(cols, 600, 170, 70);
    expect(g.colW).toBe(200);
    expect([g.cx(0), g.cx(2)]).toEqual([100, 500]);
    expect(g.barH(2)).toBe(170 - 70 - 24);
    expect(g.barH(1)).toBe((170 - 70 - 24) / 2);
    // Lifted 14 px plus a sixth of the distance (at most 40); a back-flow starts 6 px lower.
    expect(g.flowPath({ from: 0, to: 2 })).toBe('M100,62 C100,8 500,8 500,62');
    expect(g.flowPath({ from: 2, to: 0 })).toBe('M500,68 C500,14 100,14 100,68');
    expect([g.strokeFor(1), g.strokeFor(4), g.strokeFor(1e6)]).toEqual([1, 3, 6]);
  });
});

describe('lanes: labels and picking', () => {
  const spot = (item: number, x: number, y: number, w = 20, hot = false): LabelSpot<number> => ({ item, x, y, w, hot });

  it('places labels that do not overlap, hot ones first, then the newest', () => {
    // 1 and 2 overlap (same row, 10 px apart): the newer (2) wins; 3 is on another line; 4 overlaps 3 but is hot.
    expect(placeLabels([spot(1, 100, 10), spot(2, 110, 10), spot(3, 300, 40), spot(4, 305, 42, 20, true)], 11, 24)).toEqual([4, 2]);
    // In a crowd (more than `max`), only hot ones.
    expect(placeLabels([spot(1, 0, 0), spot(2, 100, 0), spot(3, 200, 0, 20, true)], 11, 2)).toEqual([3]);
  });

  it('never places two overlapping labels', () => {
    const arb = fc.array(fc.record({ x: fc.nat(500), y: fc.nat(200), w: fc.integer({ min: 5, max: 80 }), hot: fc.boolean() }), { maxLength: 40 });
    fc.assert(
      fc.property(arb, (raw) => {
        const spots = raw.map((r, i) => ({ item: i, ...r }));
        const placed = placeLabels(spots, 11, 24).map((i) => spots[i]);
        for (const a of placed) for (const b of placed) if (a !== b) expect(Math.abs(a.y - b.y) < 12 && Math.abs(a.x - b.x) < (a.w + b.w) / 2).toBe(false);
        // Every hot label is placed unless a hot one already covers it.
        for (const h of spots.filter((s) => s.hot)) expect(placed.includes(h) || placed.some((p) => p.hot && Math.abs(p.y - h.y) < 12 && Math.abs(p.x - h.x) < (p.w + h.w) / 2)).toBe(true);
      }),
    );
  });

  it('picks the bar, the coordinator mark or the wait under the pointer, as of the playhead', () => {
    const ix = indexTrace({
      strategy: 'block-stm',
      workers: 1,
      txCount: 3,
      events: [
        ev(10, C, 2, 0, { kind: 'blocked', blockingTx: 0, key: 'k' }),
        ev(10, 0, 0, 0, { kind: 'exec-start' }),
        ev(20, 0, 0, 0, { kind: 'exec-end', ...ok }),
        ev(21, 0, 1, 0, { kind: 'exec-start' }),
        ev(30, 0, 1, 0, { kind: 'exec-end', ...ok }),
        ev(31, C, 0, 0, { kind: 'commit', gas: 1 }),
        ev(32, C, 2, 0, { kind: 'resumed' }),
      ],
    });
    const rows = laneRows(ix);
    const [coord, worker, waiting] = rows;
    expect(rows.map((r) => r.kind)).toEqual(['coordinator', 'worker', 'waiting']);
    expect(pickLane(ix, worker, 40, 15, 0.5)).toEqual({ kind: 'bar', tx: 0, incarnation: 0 });
    expect(pickLane(ix, worker, 40, 25, 0.5)).toEqual({ kind: 'bar', tx: 1, incarnation: 0 });
    expect(pickLane(ix, worker, 15, 25, 0.5)).toBeNull(); // not started by the playhead
    expect(pickLane(ix, coord, 40, 31.2, 0.5)).toEqual({ kind: 'tx', tx: 0 });
    expect(pickLane(ix, coord, 30, 31.2, 0.5)).toBeNull();
    expect(pickLane(ix, waiting, 40, 20, 0.5)).toEqual({ kind: 'tx', tx: 2 });
    expect(pickLane(ix, waiting, 15, 20, 0.5)).toBeNull(); // the wait drawn so far ends at the playhead
    expect(pickLane(ix, undefined, 40, 20, 0.5)).toBeNull();
  });

  it('finds the queue token under the pointer', () => {
    const ix = indexTrace({ strategy: 'block-stm', workers: 1, txCount: 3, events: [ev(1, C, 0, 0, { kind: 'queued' }), ev(1, C, 1, 0, { kind: 'queued' }), ev(1, C, 2, 0, { kind: 'queued' })] });
    const lay = queueLayout(ix, 5, 100, 100, 0);
    for (let i = 0; i < 3; i++) expect(tokenAt(lay, lay.x[i] + 1, lay.y[i] + 1)).toBe(i);
    expect(tokenAt(lay, -5, -5)).toBe(-1);
  });
});
