/**
 * What the inspector shows: one transaction (sender, target, decoded function, every incarnation with its read and
 * write sets and outcome, the conflicts it took part in, its receipt) or one state key (every access to it). Read
 * from the trace, the scenario and the result; the function name comes from the 4-byte selector and known ABIs.
 */
import type { Receipt, Result } from '../../engine/result.ts';
import type { Hex, Scenario } from '../../engine/scenario/types.ts';
import type { StateKey } from '../../engine/trace/events.ts';
import { selector } from '../../workloads/abi.ts';
import type { ConflictFacts } from '../../app/explain/conflictStory.ts';
import type { Conflict, ConflictKind, TxPhase } from './model.ts';
import { txPhaseAt } from './query.ts';
import type { TraceIndex } from './traceIndex.ts';

export interface KnownFunction {
  contract: string;
  signature: string;
}

interface AbiParam {
  type: string;
  components?: AbiParam[];
}

function canonical(p: AbiParam): string {
  if (p.type.startsWith('tuple')) return `(${(p.components ?? []).map(canonical).join(',')})${p.type.slice(5)}`;
  return p.type;
}

/** Selector (`0xa9059cbb`) → function, from ABIs keyed by contract name. Malformed entries are skipped. */
export function selectorTable(abis: Record<string, readonly unknown[]>): Map<string, KnownFunction> {
  const out = new Map<string, KnownFunction>();
  for (const [contract, abi] of Object.entries(abis)) {
    if (!Array.isArray(abi)) continue;
    for (const item of abi as { type?: unknown; name?: unknown; inputs?: unknown }[]) {
      if (item?.type !== 'function' || typeof item.name !== 'string' || !Array.isArray(item.inputs)) continue;
      try {
        const signature = `${item.name}(${(item.inputs as AbiParam[]).map(canonical).join(',')})`;
        const sel = selector(signature);
        if (!out.has(sel)) out.set(sel, { contract, signature });
      } catch {
        // an entry we cannot read names no function
      }
    }
  }
  return out;
}

export interface Attempt {
  incarnation: number;
  worker: number;
  start: number;
  end: number;
  outcome: 'committed' | 'aborted' | 'unknown';
  /** When the outcome was recorded (Infinity: not yet). */
  outcomeT: number;
  reads: StateKey[];
  writes: StateKey[];
  gas: number;
  status?: 'success' | 'revert' | 'error';
}

export interface TxConflict {
  t: number;
  kind: ConflictKind;
  /** `by`: this transaction was invalidated by `other`; `of`: this transaction's write invalidated `other`. */
  role: 'by' | 'of';
  other: number;
  key: StateKey;
  /** The conflict itself (to explain it). */
  conflict: Conflict;
}

export interface TxDetails {
  tx: number;
  phase: TxPhase;
  from?: string;
  to: string | null;
  label?: string;
  value?: Hex;
  /** `transfer(address,uint256)` on Token; null for a plain transfer or a creation; `unknown` with the raw selector. */
  call: { selector: string; known?: KnownFunction } | null;
  attempts: Attempt[];
  conflicts: TxConflict[];
  receipt?: Receipt;
}

export function txDetails(ix: TraceIndex, tx: number, t: number, scenario: Scenario | null, result: Result | null, known: Map<string, KnownFunction>): TxDetails {
  const stx = scenario?.transactions[tx];
  const input = stx?.input ?? '0x';
  const sel = input.length >= 10 ? input.slice(0, 10).toLowerCase() : null;
  const ends = new Map<number, { reads: StateKey[]; writes: StateKey[]; status: Attempt['status'] }>();
  for (const e of ix.events) if (e.kind === 'exec-end' && e.tx === tx) ends.set(e.incarnation, { reads: e.reads, writes: e.writes, status: e.status });
  const attempts = (ix.txBars[tx] ?? []).map((b) => ({
    incarnation: b.incarnation,
    worker: b.lane,
    start: b.start,
    end: b.end,
    outcome: b.outcome,
    outcomeT: b.outcomeT,
    gas: b.gas,
    reads: ends.get(b.incarnation)?.reads ?? [],
    writes: ends.get(b.incarnation)?.writes ?? [],
    status: ends.get(b.incarnation)?.status,
  }));
  const conflicts: TxConflict[] = [];
  for (const c of ix.conflicts) {
    if (c.tx === tx) conflicts.push({ t: c.t, kind: c.kind, role: 'by', other: c.writer, key: c.key, conflict: c });
    else if (c.writer === tx) conflicts.push({ t: c.t, kind: c.kind, role: 'of', other: c.tx, key: c.key, conflict: c });
  }
  return {
    tx,
    phase: txPhaseAt(ix, tx, t),
    from: result?.senders[tx] ?? stx?.from,
    to: stx ? stx.to : null,
    label: stx?.label,
    value: stx?.value,
    call: sel && stx?.to ? { selector: sel, known: known.get(sel) } : null,
    attempts,
    conflicts,
    receipt: result?.receipts[tx],
  };
}

export interface KeyAccess {
  t: number;
  tx: number;
  incarnation: number;
  write: boolean;
}

/** Every recorded read and write of `key`, by time (an execution's accesses are stamped with its end). */
export function keyAccesses(ix: TraceIndex, key: StateKey): KeyAccess[] {
  const out: KeyAccess[] = [];
  for (const e of ix.events) {
    if (e.kind !== 'exec-end') continue;
    if (e.writes.includes(key)) out.push({ t: e.t, tx: e.tx, incarnation: e.incarnation, write: true });
    else if (e.reads.includes(key)) out.push({ t: e.t, tx: e.tx, incarnation: e.incarnation, write: false });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** A conflict with what became of its reader by time `t` (the incarnation that committed, once it has). */
export function conflictFacts(ix: TraceIndex, c: Conflict, t: number): ConflictFacts {
  const committed = (ix.txBars[c.tx] ?? []).find((b) => b.outcome === 'committed' && b.outcomeT <= t);
  return { ...c, ...(committed ? { committedIncarnation: committed.incarnation } : {}) };
}

/** The conflict that ended attempt `incarnation` of `tx` (a failed validation, a stopped or a discarded execution). */
export function conflictOfAttempt(ix: TraceIndex, tx: number, incarnation: number): Conflict | undefined {
  return ix.conflicts.find((c) => c.tx === tx && c.incarnation === incarnation && c.kind !== 'blocked');
}

/** Up to `limit` transactions whose executions wrote `key` (the words of their calls name mapping entries). */
export function writersOf(ix: TraceIndex, key: StateKey, limit = 3): number[] {
  const out = new Set<number>();
  for (const e of ix.events) {
    if (e.kind === 'exec-end' && e.writes.includes(key)) out.add(e.tx);
    if (out.size >= limit) break;
  }
  return [...out];
}
