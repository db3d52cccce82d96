/**
 * The in-order committer: the one place a transaction's result becomes final — its writes join the committed state,
 * its receipt is built (cumulative gas), a `commit` event is recorded. An invalid transaction (bad nonce, cannot pay)
 * fails the run only here, at the commit point: an earlier attempt may have seen a speculative state.
 */
import type { WriteSet } from '../evm/stateView.ts';
import type { Receipt } from '../result.ts';
import type { Hex } from '../scenario/types.ts';
import type { CommittedState } from '../state/committedState.ts';
import { COORDINATOR } from '../trace/events.ts';
import type { TraceRecorder } from '../trace/recorder.ts';
import type { TaskOutcome, TaskResult } from '../workers/protocol.ts';
import { RunError } from './errors.ts';

export const hex = (v: bigint): Hex => `0x${v.toString(16)}`;

export class Committer {
  /** Lowest uncommitted transaction. */
  next = 0;
  readonly receipts: Receipt[] = [];
  /** Each committed transaction's writes, in order, when `keepWrites` (before Byzantium each receipt carries the state
   * root after its transaction: `evm/intermediateRoots.ts` replays them). */
  readonly writes: Pick<WriteSet, 'writes' | 'deltas' | 'codes'>[] = [];
  keepWrites = false;
  private cumulative = 0n;

  /** `outputs` false: the commit order, the gas and the events only — no post-state, no receipts (the simulator's
   * runs: nobody reads them, and at 100,000 transactions they were a tenth of the time). */
  constructor(readonly state: CommittedState, private readonly recorder: TraceRecorder, private readonly outputs = true) {}

  commit(r: TaskResult): void {
    if (r.tx !== this.next) throw new Error(`transaction ${r.tx} offered for commit while ${this.next} is next`);
    const o = r.outcome;
    if (o.kind === 'invalid') throw new RunError(`transactions[${r.tx}] is not valid: ${o.message}`);
    if (o.kind !== 'done') throw new Error(`transaction ${r.tx} committed without a finished execution`);
    this.cumulative += o.gasUsed;
    if (this.outputs) this.record(o);
    if (this.recorder.recording) this.recorder.push({ t: this.recorder.now(), worker: COORDINATOR, tx: r.tx, incarnation: r.incarnation, kind: 'commit', gas: Number(o.gasUsed) });
    this.next++;
  }

  private record(o: Extract<TaskOutcome, { kind: 'done' }>): void {
    this.state.apply(o);
    if (this.keepWrites) this.writes.push({ writes: o.writes, deltas: o.deltas, codes: o.codes });
    const receipt: Receipt = { status: o.status, gasUsed: hex(o.gasUsed), cumulativeGasUsed: hex(this.cumulative), logs: o.logs };
    if (o.contractAddress) receipt.contractAddress = o.contractAddress;
    if (o.error) receipt.error = o.error;
    this.receipts.push(receipt);
  }
}
