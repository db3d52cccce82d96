/**
 * Routing for `predictive`: Block-STM's worker affinity with the prediction swapped for the hot-key model's.
 *
 * When a transaction is first handed out (in block order), the model names the keys it expects the transaction to
 * write that others write too; its predicted predecessor is the latest earlier transaction predicted to touch one of
 * them, or the sender's previous transaction (the nonce), whichever is later. Block-STM's affinity then queues it
 * behind that predecessor on the predecessor's worker — a predicted chain runs in order on one worker, where each
 * link sees the previous one's writes at once — and spreads everything else. A wrong prediction only moves work.
 */
import { accountKey } from '../../evm/keys.ts';
import type { StateKey } from '../../trace/events.ts';
import type { ExecTask } from '../../workers/protocol.ts';
import { Affinity } from '../blockStm/affinity.ts';
import type { TxStatus } from '../blockStm/scheduler.ts';
import type { HotKeyModel } from './hotKeys.ts';

const UNKNOWN = -2;

export interface Prediction {
  tx: number;
  incarnation: number;
  keys: StateKey[];
  /** The transaction it was queued behind, or -1 (none, or already committed). */
  after: number;
}

export class PredictiveRouting extends Affinity {
  /** Each transaction's predicted predecessor (-1: none), fixed when it is first handed out. */
  readonly predicted: Int32Array;
  private readonly prevOfSender: Int32Array;
  /** Per key: the latest transaction handed out so far that was predicted to write it. */
  private readonly lastWriter = new Map<StateKey, number>();

  constructor(
    targets: (string | null)[],
    private readonly senders: string[],
    workers: number,
    private readonly model: HotKeyModel,
    private readonly classes: readonly (readonly string[])[],
    private readonly onPredict: (p: Prediction) => void,
  ) {
    super(targets, senders, workers);
    this.predicted = new Int32Array(targets.length).fill(UNKNOWN);
    this.prevOfSender = new Int32Array(targets.length).fill(-1);
    const last = new Map<string, number>();
    senders.forEach((s, i) => {
      this.prevOfSender[i] = last.get(s) ?? -1;
      last.set(s, i);
    });
  }

  protected override predecessor(tx: number): number {
    return this.predicted[tx] === UNKNOWN ? this.predict(tx).after : this.predicted[tx];
  }

  /** A peek at the stream predicts nothing: a prediction is made, and shown, when a transaction is handed out. */
  override follows(tx: number, w: number, status: readonly TxStatus[], commitIdx: number): boolean {
    return this.predicted[tx] !== UNKNOWN && super.follows(tx, w, status, commitIdx);
  }

  override place(t: ExecTask, w: number, status: readonly TxStatus[], commitIdx: number): number {
    if (this.predicted[t.tx] === UNKNOWN) {
      const { keys, after } = this.predict(t.tx);
      this.onPredict({ tx: t.tx, incarnation: t.incarnation, keys, after: after >= commitIdx ? after : -1 });
    }
    return super.place(t, w, status, commitIdx);
  }

  private predict(tx: number): { keys: StateKey[]; after: number } {
    const keys = this.model.predictAll(this.classes[tx]);
    let after = this.prevOfSender[tx];
    for (const k of keys) {
      const p = this.lastWriter.get(k);
      if (p !== undefined && p < tx && p > after) after = p;
      if (p === undefined || p < tx) this.lastWriter.set(k, tx);
    }
    this.predicted[tx] = after;
    const shown = this.prevOfSender[tx] >= 0 ? [accountKey(this.senders[tx].slice(2).toLowerCase()), ...keys] : keys;
    return { keys: shown, after };
  }
}
