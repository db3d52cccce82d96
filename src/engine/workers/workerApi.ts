/**
 * The worker's side: one `TxExecutor` (VM created once per scenario), the pre-state, and a replica of the
 * multi-version memory fed by the coordinator's updates. Platform-free: `worker.node.ts` and `worker.browser.ts`
 * only connect it to an endpoint.
 */
import { createCommon } from '../evm/chain.ts';
import { TxExecutor, type TxOutcome } from '../evm/executor.ts';
import { keccakReady } from '../evm/keccak.ts';
import { type EcrecoverStatus, type WasmSource, ecrecoverStatus, loadSecp256k1 } from '../evm/secp256k1.ts';
import { recoverSender } from '../evm/transactions.ts';
import type { Hex, Scenario } from '../scenario/types.ts';
import { type BaseState, baseStateOf } from '../state/baseState.ts';
import { CommittedState } from '../state/committedState.ts';
import { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import { LARGE_BLOCK, collectGarbage } from './gc.ts';
import { shareRepeatedStrings } from './sharedStrings.ts';
import type { ExecBatch, RecoverResult, TaskOutcome, TaskResult, WorkerApi, WorkerSetup } from './protocol.ts';

const nowAbs = (): number => performance.timeOrigin + performance.now();

export class WorkerRuntime implements WorkerApi {
  private scenario!: Scenario;
  private scenarioId = -1;
  /** The run this worker was last initialised for; -1: none yet. */
  private runId = -1;
  private index = 0;
  private start = 0;
  private executor!: TxExecutor;
  private base!: BaseState;
  private replica!: MultiVersionMemory;
  private sequentialState?: CommittedState;
  private senders: Hex[] = [];
  private crashAfter = Infinity;
  private executed = 0;
  /** Calls run one at a time: the VM is shared and ethereumjs is async. */
  private queue: Promise<unknown> = Promise.resolve();

  /** The WASM secp256k1, loading from the moment the worker starts; recovery waits for it (pure JS if it fails). */
  private readonly crypto: Promise<EcrecoverStatus>;

  /** `wasm`: where this platform finds the secp256k1 WASM (`evm/secp256k1.{node,browser}.ts`); without it, sender
   * recovery stays in pure JS. `threadId`: this thread's id in the operating system, where the platform can tell. */
  constructor(private readonly crash: () => void, wasm?: WasmSource, private readonly threadId: () => number | null = () => null) {
    this.crypto = wasm ? loadSecp256k1(wasm) : Promise.resolve({ path: 'js', note: 'no WASM given to this worker' });
    void keccakReady(); // the KECCAK256 opcode and transaction hashes: WebAssembly from here on (`evm/chain.ts`)
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private t(): number {
    return Math.round((nowAbs() - this.start) * 1000);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  osThread(): Promise<number | null> {
    return Promise.resolve(this.threadId());
  }

  idle(): Promise<void> {
    return this.serial(async () => {});
  }

  ecrecover(): Promise<EcrecoverStatus> {
    return this.crypto;
  }

  /** Refuses a message of another run than the one this worker was initialised for (late work of a failed or
   * cancelled run), and any work before an initialisation. */
  private check(runId: number): void {
    if (this.runId === -1) throw new Error(`worker ${this.index} was not initialised for run ${runId}`);
    if (runId !== this.runId) throw new Error(`worker ${this.index} refused a message of run ${runId}: it runs ${this.runId}`);
  }

  init(setup: WorkerSetup): Promise<boolean> {
    return this.serial(async () => {
      this.runId = -1;
      this.index = setup.workerIndex;
      this.start = setup.runStartAbs;
      this.crashAfter = Infinity; // a fault is armed by the batch it is to strike (`ExecBatch.crashAfterTasks`)
      this.executed = 0;
      if (setup.scenario) {
        // A new scenario: pre-state and VM built once, reused by every later run of the same scenario. The pre-state
        // lives on in `base` (as state keys); the worker keeps the rest of the scenario without a second copy of it
        // (100,000 accounts: ~20 MB a worker).
        this.base = baseStateOf(setup.scenario);
        this.scenario = { ...setup.scenario, preState: {} };
        shareRepeatedStrings(this.scenario.transactions); // 100,000 payments: ~20 MB fewer copies of the same fees
        this.executor = await TxExecutor.create(this.scenario, this.base);
        // Every contract's code analysed now, at set-up, rather than by whichever run first calls it.
        this.executor.preanalyse(this.base.codes.values());
        this.scenarioId = setup.scenarioId;
      } else if (setup.scenarioId !== this.scenarioId) {
        return false; // it holds another scenario (or none): the caller sends this one
      }
      this.replica = new MultiVersionMemory(this.base, { writers: false });
      this.sequentialState = undefined;
      this.senders = this.scenario.transactions.map((tx) => tx.from ?? ('0x' as Hex));
      this.runId = setup.runId;
      return true;
    });
  }

  recover(runId: number, indices: number[]): Promise<RecoverResult> {
    return this.serial(async () => {
      this.check(runId);
      await this.crypto;
      const common = createCommon(this.scenario);
      const t0 = this.t();
      const senders = indices.map((i) => {
        try {
          return { ok: true as const, sender: recoverSender(this.scenario.transactions[i], common) };
        } catch (e) {
          return { ok: false as const, message: (e as Error).message };
        }
      });
      return { worker: this.index, t0, t1: this.t(), senders, ecrecover: ecrecoverStatus().path };
    });
  }

  setSenders(runId: number, senders: Hex[]): Promise<void> {
    return this.serial(async () => {
      this.check(runId);
      // A sender the transaction names itself is kept as that string, not as a second copy of it (~9 MB a worker).
      const txs = this.scenario.transactions;
      this.senders = senders.map((s, i) => (s === txs[i]?.from ? txs[i].from : s));
    });
  }

  execBatch(batch: ExecBatch): Promise<TaskResult[]> {
    return this.serial(async () => {
      this.check(batch.runId);
      if (batch.crashAfterTasks !== undefined) this.crashAfter = this.executed + batch.crashAfterTasks;
      if (batch.reference) return this.reference(batch);
      if (batch.seed) {
        for (const [hash, code] of batch.seed.codes) this.base.codes.put(hash, code);
        this.replica = new MultiVersionMemory(this.base, { writers: false });
        this.replica.seed(batch.seed.below, batch.seed.values, batch.seed.deltas);
      }
      for (const u of batch.updates) {
        if (u.kind === 'writes') {
          for (const [hash, code] of u.codes) this.base.codes.put(hash, code);
          this.replica.record(u);
        } else {
          this.replica.markEstimate(u.tx, u.incarnation);
        }
      }
      // Below the commit point one version per key is enough (a task below it would be of a committed transaction,
      // which no policy runs: the fold point is never above this batch's own transactions).
      if (batch.foldBelow !== undefined) this.replica.foldBelow(batch.foldBelow);
      const results: TaskResult[] = [];
      for (const task of batch.tasks) {
        const { tx, incarnation } = task;
        await this.maybeCrash();
        const t0 = this.t();
        const lazySenders = batch.lazySenders === true && task.exact !== true ? 'deferred' : 'off';
        const outcome = await this.executor.execute(tx, this.senders[tx], this.replica.readerFor(tx), batch.lazyCredits === true, lazySenders);
        if (outcome.kind === 'done' && !batch.isolated) {
          // Later tasks of this batch see this write at once; the coordinator's own copy follows.
          this.replica.record({ tx, incarnation, writes: outcome.writeSet.writes, deltas: outcome.writeSet.deltas });
        }
        results.push({ tx, incarnation, worker: this.index, t0, t1: this.t(), outcome: toTaskOutcome(outcome) });
      }
      return results;
    });
  }

  /** The sequential reference: a single-version state, updates (committed writes, in order) applied to it. */
  private async reference(batch: ExecBatch): Promise<TaskResult[]> {
    if (batch.seed) this.sequentialState = undefined;
    this.sequentialState ??= new CommittedState(this.base);
    const state = this.sequentialState;
    if (batch.seed) state.apply({ writes: batch.seed.values, deltas: batch.seed.deltas, codes: batch.seed.codes });
    for (const u of batch.updates) if (u.kind === 'writes') state.apply(u);
    const results: TaskResult[] = [];
    for (const { tx, incarnation } of batch.tasks) {
      await this.maybeCrash();
      const t0 = this.t();
      const outcome = await this.executor.execute(tx, this.senders[tx], state, false, batch.lazySenders ? 'exact' : 'off');
      if (outcome.kind === 'done') state.apply(outcome.writeSet);
      results.push({ tx, incarnation, worker: this.index, t0, t1: this.t(), outcome: toTaskOutcome(outcome) });
      if (outcome.kind !== 'done') break;
    }
    return results;
  }

  endRun(runId: number): Promise<void> {
    return this.serial(async () => {
      if (runId !== this.runId) return; // already initialised for another run
      // The scenario, its pre-state and the VM stay for the next run; the run's replica goes (100,000 payments:
      // ~40 MB folded, more with its garbage), and a full collection gives the memory back now rather than whenever
      // this idle thread next collects (where the process allows it: `--expose-gc`, as the CLI runs).
      this.replica = new MultiVersionMemory(this.base, { writers: false });
      this.sequentialState = undefined;
      this.executor.release(); // its view still reads through the old replica
      if (this.scenario.transactions.length >= LARGE_BLOCK) collectGarbage();
    });
  }

  private async maybeCrash(): Promise<void> {
    if (this.executed++ < this.crashAfter) return;
    this.crash();
    await new Promise(() => {}); // never answers: the pool notices the crash and replaces this worker
  }
}

/** Field by field, not `{ writeSet, ...rest }`: object rest and spread took 2–3 µs a result here (2 % of a worker). */
function toTaskOutcome(o: TxOutcome): TaskOutcome {
  if (o.kind !== 'done') return o;
  const { writeSet } = o;
  const out: TaskOutcome = { kind: 'done', reads: o.reads, writes: writeSet.writes, deltas: writeSet.deltas, codes: writeSet.codes, status: o.status, gasUsed: o.gasUsed, logs: o.logs };
  if (o.contractAddress !== undefined) out.contractAddress = o.contractAddress;
  if (o.error !== undefined) out.error = o.error;
  return out;
}
