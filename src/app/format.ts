/** Plain-text formatting for the page: numbers, durations and trace events. Pure, DOM-free. */
import { describeKey } from '../engine/evm/keys.ts';
import type { TraceEvent } from '../engine/trace/events.ts';
import type { Hex } from '../engine/scenario/types.ts';

/** 12345678 → `12,345,678`, the same in every locale. */
export function groupDigits(n: number | bigint | Hex): string {
  const big = typeof n === 'string' ? BigInt(n) : BigInt(Math.round(Number(n)));
  return big.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds with a precision that suits their size: `0.42`, `12.3`, `1,234`. */
export function formatMs(ms: number): string {
  if (ms < 10) return ms.toFixed(2);
  if (ms < 1000) return ms.toFixed(1);
  return groupDigits(Math.round(ms));
}

/**
 * A ratio (a speedup, a bound) with the precision its size deserves: `1.03×`, `12.5×`, `6,000×` (never `6000.00×`:
 * two decimals on a bound of thousands claim a precision nobody measured). `–` when there is no figure.
 */
export function formatRatio(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (Math.abs(x) < 9.995) return `${x.toFixed(2)}×`;
  if (Math.abs(x) < 99.95) return `${x.toFixed(1)}×`;
  return `${groupDigits(x)}×`;
}

/** `w0`, `w1`…, or `coord` for the coordinator lane. */
export function laneName(worker: number): string {
  return worker < 0 ? 'coord' : `w${worker}`;
}

/** What happened, in words, after the kind: the kind-specific fields of an event. */
function details(e: TraceEvent): string {
  switch (e.kind) {
    case 'run-start': return `${e.strategy} × ${e.workers}, ${e.txCount} txs`;
    case 'phase-start':
    case 'phase-end': return e.phase;
    case 'recover': return `senders of txs ${e.from}–${e.to - 1} in ${formatMs((e.endT - e.t) / 1000)} ms`;
    case 'exec-end': return `${e.status}, gas ${groupDigits(e.gas)}, ${e.reads.length} reads, ${e.writes.length} writes`;
    case 'exec-abort': return `read ${describeKey(e.key)}, an ESTIMATE of tx ${e.blockingTx}`;
    case 'validate-fail': return `${describeKey(e.key)} changed${e.writerTx >= 0 ? ` (written by tx ${e.writerTx})` : ''}`;
    case 'blocked': return `waits for tx ${e.blockingTx} (${describeKey(e.key)})`;
    case 'commit': return `gas ${groupDigits(e.gas)}`;
    case 'worker-crash': return e.message;
    case 'cross-shard-send': return `to shard ${e.toShard}: ${describeKey(e.key)}`;
    case 'cross-shard-recv': return `from shard ${e.fromShard}: ${describeKey(e.key)}`;
    case 'shard-route': return `shards ${e.shards.join(', ')}${e.shards.length > 1 ? ' (cross-shard)' : ''}`;
    case 'undeclared': return `touched undeclared ${describeKey(e.key)}: re-run serially`;
    case 'predict': return e.after >= 0 ? `queued behind tx ${e.after} (${e.keys.map(describeKey).join(', ')})` : 'no conflict predicted';
    default: return '';
  }
}

/** One line of text per event: time (ms since the run began), lane, transaction.incarnation, kind, details. */
export function formatEvent(e: TraceEvent): string {
  const t = (e.t / 1000).toFixed(3).padStart(10);
  const lane = laneName(e.worker).padEnd(5);
  const tx = (e.tx >= 0 ? `tx ${e.tx}.${e.incarnation}` : '').padEnd(10);
  const rest = details(e);
  return `${t} ms  ${lane} ${tx} ${e.kind}${rest ? `  ${rest}` : ''}`;
}
