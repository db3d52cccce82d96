/**
 * `RunHistory`: what earlier runs taught, for strategies that schedule from experience.
 *
 * A caller keeps one and passes it to `runScenario`; after each run it observes the trace. It keeps, per scenario
 * (identified by a cheap fingerprint of the block environment and the transactions' fields), each transaction's
 * read and write keys from the last run's committed executions — `dag` takes its dependency hints from them instead
 * of a hint pass — and, across every scenario, the hot-key model `predictive` routes by (which keys each class of
 * transaction writes, and which keys it aborted on).
 */
import { committedAccesses } from '../analysis/conflicts.ts';
import { coinbaseKey } from '../evm/keys.ts';
import type { Scenario } from '../scenario/types.ts';
import type { StateKey, Trace } from '../trace/events.ts';
import { HotKeyModel, txClasses } from './predictive/hotKeys.ts';

/** One transaction's committed accesses in a run (writes include fee credits to the coinbase, as the trace does). */
export interface TxAccesses {
  reads: StateKey[];
  writes: StateKey[];
  gas: number;
}

/** Scenarios remembered; the oldest is forgotten first. */
const MAX_SCENARIOS = 16;

export class RunHistory {
  private readonly runs = new Map<string, TxAccesses[]>();
  /** Cross-run model of which keys each class of transaction writes. */
  readonly hotKeys = new HotKeyModel();
  /** Runs observed, all scenarios together. */
  runsObserved = 0;

  /** Per-transaction accesses of the last run of this scenario, if one was observed. */
  accessesOf(scenario: Scenario): TxAccesses[] | undefined {
    const a = this.runs.get(fingerprint(scenario));
    return a && a.length === scenario.transactions.length ? a : undefined;
  }

  /** Learns from a finished run: its committed read and write sets, and the hot-key model. */
  observe(scenario: Scenario, trace: Pick<Trace, 'events' | 'txCount'>): void {
    const accesses = committedAccesses(trace.events, trace.txCount);
    const id = fingerprint(scenario);
    this.runs.delete(id); // re-insert: the map's order is the forgetting order
    this.runs.set(id, accesses);
    if (this.runs.size > MAX_SCENARIOS) this.runs.delete(this.runs.keys().next().value!);
    const coinbase = coinbaseKey(scenario);
    this.hotKeys.age();
    accesses.forEach((a, i) => {
      const tx = scenario.transactions[i];
      // The coinbase credit is a delta, not a conflict (a real coinbase write also shows as a read).
      this.hotKeys.learnAll(txClasses(tx), a.writes.filter((k) => k !== coinbase || a.reads.includes(k)));
    });
    for (const e of trace.events) {
      if ((e.kind === 'validate-fail' || e.kind === 'exec-abort') && e.tx >= 0) this.hotKeys.learnConflict(txClasses(scenario.transactions[e.tx]), e.key);
    }
    this.runsObserved++;
  }
}

const fingerprints = new WeakMap<Scenario, string>();

/**
 * A stable identity for a scenario: FNV-1a (two 32-bit lanes) over the chain, the block environment, and every
 * transaction's fields. Equal scenarios loaded twice get the same fingerprint; any changed field changes it.
 */
export function fingerprint(s: Scenario): string {
  const cached = fingerprints.get(s);
  if (cached) return cached;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const mix = (str: string): void => {
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) + 0x9e3779b9;
    }
    a = Math.imul(a ^ 0xff, 0x01000193); // field separator
    b = Math.imul(b ^ 0xff, 0x01000193);
  };
  mix(`${s.chain.chainId}|${s.chain.hardfork}|${s.block.number}|${s.block.coinbase}|${s.transactions.length}`);
  mix(String(Object.keys(s.preState).length));
  for (const t of s.transactions) {
    mix(`${t.type}|${t.from ?? ''}|${t.to ?? ''}|${t.nonce}|${t.value}|${t.gas}`);
    mix(t.input);
    if (t.signature) mix(t.signature.r + t.signature.s);
    if (t.accessList) mix(JSON.stringify(t.accessList));
  }
  const id = (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  fingerprints.set(s, id);
  return id;
}
