/**
 * Conflict analysis of a run: the true read-after-write dependency graph between committed transactions (on which
 * key), its critical path, and the speedup bound it implies (total gas / gas on the longest dependency chain — no
 * schedule on any number of workers can beat it), plus the keys ranked by how many dependencies they cause.
 *
 * Input is the trace: each committed incarnation's `exec-end` carries its read and write sets. A delta (a fee credit,
 * a lazy sender's nonce and debit: `exec-end.deltas`) is commutative, not a write, so deltas alone create no edge; a
 * transaction that reads the key in full depends on every delta since its last absolute write. A read that is only a
 * condition (`exec-end.conditions`: a lazy sender's, say) depends on the last absolute write alone — so one sender's
 * payments, checked against its nonce and balance at commit, are no chain.
 */
import type { StateKey, Trace, TraceEvent } from '../trace/events.ts';
import { SpanPairer } from './spans.ts';

export interface Dependency {
  from: number;
  to: number;
  key: StateKey;
}

export interface ConflictAnalysis {
  txCount: number;
  totalGas: number;
  /** Read-after-write edges: `to` read `key`, last written (or credited) by `from`. One edge per (from, to). */
  edges: Dependency[];
  /** Transactions with no earlier dependency. */
  independent: number;
  /** The longest gas-weighted dependency chain, in block order. */
  criticalPath: number[];
  criticalPathGas: number;
  /** totalGas / criticalPathGas. */
  speedupBound: number;
  /** The same bound weighted by the run's own execution times (µs) instead of gas: total execution time over the
   * slowest dependency chain's. Gas is a poor clock for some transactions (a large contract creation took 84 % of
   * block 15,537,394's execution time for 71 % of its gas), so this is the bound a wall-time speedup on this engine
   * meets. Absent when the trace has no execution times. */
  timeBound?: number;
  criticalPathUs?: number;
  /** Keys by the number of edges they cause, most first. */
  hotKeys: { key: StateKey; edges: number }[];
  /** Where the run read some accounts only as conditions (lazy senders, lazy credits): the same figures with every
   * such read a full read and every such delta a write — the graph of a strategy without them (dag, access-locks…). */
  plain?: PlainFigures;
}

export interface PlainFigures {
  speedupBound: number;
  /** Transactions on the gas-heaviest chain. */
  criticalPathLength: number;
  independent: number;
  edges: number;
}

interface Committed {
  reads: StateKey[];
  writes: StateKey[];
  /** The writes that were deltas, and the reads that were conditions (`exec-end`). */
  deltas: readonly StateKey[];
  conditions: readonly StateKey[];
  gas: number;
  /** Execution time of the committed incarnation (µs). */
  us: number;
}

/** Read and write sets of each transaction's committed incarnation, taken from the trace. */
export function committedAccesses(events: readonly TraceEvent[], txCount: number): Committed[] {
  const committedInc = new Array<number>(txCount).fill(-1);
  for (const e of events) if (e.kind === 'commit') committedInc[e.tx] = e.incarnation;
  const out: Committed[] = Array.from({ length: txCount }, () => ({ reads: [], writes: [], deltas: NONE, conditions: NONE, gas: 0, us: 0 }));
  const spans = new SpanPairer();
  for (const e of events) {
    if (e.tx < 0 || e.incarnation !== committedInc[e.tx]) continue;
    const x = spans.push(e);
    // The last finished execution of the committed incarnation is the one committed.
    if (x?.end.kind === 'exec-end') {
      const { reads, writes, deltas = NONE, conditions = NONE, gas } = x.end;
      out[e.tx] = { reads, writes, deltas, conditions, gas, us: Math.max(0, x.t1 - x.t0) };
    }
  }
  return out;
}

const NONE: readonly StateKey[] = [];

/**
 * Analyses a run's trace. `deltaKey` is the coinbase's account key (`coinbaseKey(scenario)`): a trace from before
 * `exec-end.deltas` lists fee credits only among the writes, and a credit by a transaction that did not read the
 * coinbase is a delta, not a write.
 */
export function analyseConflicts(trace: Pick<Trace, 'events' | 'txCount'>, deltaKey?: StateKey): ConflictAnalysis {
  const txs = committedAccesses(trace.events, trace.txCount);
  const { edges, keyEdges, depth, prev, independent, totalGas } = dependencyGraph(txs, deltaKey, true);
  let end = -1;
  depth.forEach((d, j) => {
    if (end < 0 || d > depth[end]) end = j;
  });
  const criticalPath: number[] = [];
  for (let j = end; j >= 0; j = prev[j]) criticalPath.unshift(j);
  const criticalPathGas = end < 0 ? 0 : depth[end];
  const timed = timeWeightedBound(edges, txs.map((t) => t.us));
  return {
    txCount: txs.length,
    totalGas,
    edges,
    independent,
    criticalPath,
    criticalPathGas,
    speedupBound: criticalPathGas > 0 ? totalGas / criticalPathGas : 1,
    ...timed,
    hotKeys: [...keyEdges].map(([key, n]) => ({ key, edges: n })).sort((a, b) => b.edges - a.edges),
    ...(txs.some((t) => t.conditions.length > 0) ? { plain: plainFigures(txs, deltaKey) } : {}),
  };
}

/** The graph with every condition read a full read and every delta but a plain fee credit a write. */
function plainFigures(txs: readonly Committed[], deltaKey: StateKey | undefined): PlainFigures {
  const g = dependencyGraph(txs, deltaKey, false);
  let end = -1;
  g.depth.forEach((d, j) => {
    if (end < 0 || d > g.depth[end]) end = j;
  });
  let length = 0;
  for (let j = end; j >= 0; j = g.prev[j]) length++;
  const gas = end < 0 ? 0 : g.depth[end];
  return { speedupBound: gas > 0 ? g.totalGas / gas : 1, criticalPathLength: length, independent: g.independent, edges: g.edges.length };
}

/**
 * The read-after-write graph of committed accesses. `lazy`: deltas and condition reads as the trace marks them;
 * otherwise only a fee credit of a transaction that never read the coinbase is a delta (what the key model gives
 * without lazy senders or lazy credits).
 */
function dependencyGraph(txs: readonly Committed[], deltaKey: StateKey | undefined, lazy: boolean) {
  const lastWriter = new Map<StateKey, number>();
  const creditsSince = new Map<StateKey, number[]>();
  const edges: Dependency[] = [];
  const keyEdges = new Map<StateKey, number>();
  const depth = new Float64Array(txs.length); // gas of the heaviest chain ending at each tx
  const prev = new Int32Array(txs.length).fill(-1);
  let independent = 0;
  let totalGas = 0;

  txs.forEach((t, j) => {
    totalGas += t.gas;
    const deps = new Map<number, StateKey>();
    for (const key of t.reads) {
      const w = lastWriter.get(key);
      if (w !== undefined && !deps.has(w)) deps.set(w, key);
      if (lazy && t.conditions.length > 0 && t.conditions.includes(key)) continue;
      for (const c of creditsSince.get(key) ?? []) if (!deps.has(c)) deps.set(c, key);
    }
    let best = 0;
    for (const [i, key] of deps) {
      edges.push({ from: i, to: j, key });
      keyEdges.set(key, (keyEdges.get(key) ?? 0) + 1);
      if (depth[i] > best) {
        best = depth[i];
        prev[j] = i;
      }
    }
    if (deps.size === 0) independent++;
    depth[j] = best + t.gas;
    for (const key of t.writes) {
      // A delta, or (older traces) a fee credit by a transaction that never read the coinbase; anything else is an
      // absolute write.
      if ((lazy && t.deltas.length > 0 && t.deltas.includes(key)) || (key === deltaKey && !t.reads.includes(key))) {
        const list = creditsSince.get(key) ?? [];
        list.push(j);
        creditsSince.set(key, list);
      } else {
        lastWriter.set(key, j);
        creditsSince.delete(key);
      }
    }
  });
  return { edges, keyEdges, depth, prev, independent, totalGas };
}

/**
 * The time-weighted bound (`ConflictAnalysis.timeBound` and `criticalPathUs`) of a dependency graph with each
 * transaction's execution time `us[tx]` (µs): total time over the slowest dependency chain's; empty when no chain
 * takes any time. The graph may come from another run of the same block: a sequential run's dependencies are the same
 * every time, only its times change (`compare` analyses its reference run once, and reads each timed sequential run
 * only for its times).
 */
export function timeWeightedBound(edges: readonly Dependency[], us: readonly number[]): Pick<ConflictAnalysis, 'timeBound' | 'criticalPathUs'> {
  const incoming = [...edges].sort((x, y) => x.to - y.to); // analyseConflicts lists them so already
  const depth = new Float64Array(us.length); // execution time of the slowest chain ending at each tx
  let totalUs = 0;
  let criticalPathUs = 0;
  for (let j = 0, k = 0; j < us.length; j++) {
    let best = 0;
    for (; k < incoming.length && incoming[k].to <= j; k++) if (incoming[k].to === j) best = Math.max(best, depth[incoming[k].from]);
    depth[j] = best + us[j];
    totalUs += us[j];
    criticalPathUs = Math.max(criticalPathUs, depth[j]);
  }
  return criticalPathUs > 0 ? { timeBound: totalUs / criticalPathUs, criticalPathUs } : {};
}
