/**
 * `TxExecutor`: one VM (created once per scenario and worker) that runs one transaction at a time against a
 * `StateReader`, returning what it read, what it wrote and its receipt fields.
 */
import type { Block } from '@ethereumjs/block';
import type { Common } from '@ethereumjs/common';
import { Capability, type TypedTransaction, isBlob4844Tx } from '@ethereumjs/tx';
import { bytesToHex, bytesToUnprefixedHex, createAddressFromString } from '@ethereumjs/util';
import { type VM, createVM, runTx } from '@ethereumjs/vm';
import type { Log } from '../result.ts';
import type { Hex, Scenario } from '../scenario/types.ts';
import { createBlockHashes, createCommon, createScenarioBlock } from './chain.ts';
import { useFastOpcodes } from './fastOpcodes.ts';
import { cacheJumpAnalysis, preanalyse } from './jumpAnalysis.ts';
import { type StateKey, type StateValue, accountKey, keyAddress } from './keys.ts';
import { LazyKzg, loadKzg } from './kzg.ts';
import { EstimateRead, type PreStateIndex, type StateReader, TxStateView, type WriteSet } from './stateView.ts';
import { buildTx, setSender } from './transactions.ts';

export interface TxDone {
  kind: 'done';
  reads: [StateKey, StateValue][];
  writeSet: WriteSet;
  status: 0 | 1;
  /** Gas counted against the block. */
  gasUsed: bigint;
  logs: Log[];
  contractAddress?: Hex;
  error?: string;
}

/** The execution read a value marked ESTIMATE: it must wait for `blockingTx`. */
export interface TxBlocked {
  kind: 'blocked';
  key: StateKey;
  blockingTx: number;
}

/** The transaction is not valid against what it read (bad nonce, cannot pay for gas…). */
export interface TxInvalid {
  kind: 'invalid';
  reads: [StateKey, StateValue][];
  message: string;
}

export type TxOutcome = TxDone | TxBlocked | TxInvalid;

/** How a transaction reads its sender: in full, lazily with the conditions checked at commit, or lazily on the exact
 * state (see `TxExecutor.execute`). */
export type LazySenders = 'off' | 'deferred' | 'exact';

/**
 * Built transactions kept for re-execution: the most recent ones, not the block (100,000 kept transactions were
 * ~60 MB a worker). A re-execution is of a transaction near the commit point, run recently.
 */
const TX_CACHE = 2048;

export class TxExecutor {
  private txs = new Map<number, TypedTransaction>();

  private constructor(
    readonly scenario: Scenario,
    readonly common: Common,
    readonly block: Block,
    private readonly vm: VM,
    private readonly view: TxStateView,
    private readonly kzg: LazyKzg,
  ) {}

  /** `pre`: the scenario's pre-state as the thread holds it (its `BaseState`): contract code, and each account's
   * storage slots (EIP-7610's collision check asks whether an account's storage is empty). */
  static async create(scenario: Scenario, pre: PreStateIndex): Promise<TxExecutor> {
    const kzg = new LazyKzg();
    const common = createCommon(scenario, kzg);
    const block = createScenarioBlock(scenario, common);
    const coinbase = scenario.block.coinbase.slice(2);
    const view = new TxStateView(pre.codes, coinbase, pre.slotsByAccount);
    const vm = await createVM({ common, stateManager: view, blockchain: createBlockHashes(scenario) });
    cacheJumpAnalysis(vm.evm);
    useFastOpcodes(vm.evm);
    // Tell the view when the top-level EVM call is over (nested CALLs re-enter runCall too): a first coinbase touch
    // after it is the fee credit, a delta.
    const evm = vm.evm as { runCall: (opts: unknown) => Promise<unknown> };
    const runCall = evm.runCall.bind(vm.evm);
    evm.runCall = async (opts) => {
      view.callDepth++;
      try {
        return await runCall(opts);
      } finally {
        if (--view.callDepth === 0) view.feePhase = true;
      }
    };
    // Lazy credits: a recipient's balance accessed inside `_addToBalance` is the credit itself, not an observation;
    // lazy senders: the top-level call taking its value from the sender (`_reduceSenderBalance`) is the debit itself.
    const evmBalances = vm.evm as unknown as Record<'_addToBalance' | '_reduceSenderBalance', (account: unknown, message: unknown) => Promise<void>>;
    for (const [method, flag] of [['_addToBalance', 'crediting'], ['_reduceSenderBalance', 'debiting']] as const) {
      const inner = evmBalances[method].bind(vm.evm);
      evmBalances[method] = async (account, message) => {
        view[flag] = true;
        try {
          return await inner(account, message);
        } finally {
          view[flag] = false;
        }
      };
    }
    return new TxExecutor(scenario, common, block, vm, view, kzg);
  }

  private tx(index: number, sender: Hex): TypedTransaction {
    let tx = this.txs.get(index);
    if (tx === undefined) {
      tx = buildTx(this.scenario.transactions[index], this.common);
      if (this.txs.size >= TX_CACHE) this.txs.delete(this.txs.keys().next().value!); // the oldest built
      this.txs.set(index, tx);
    }
    setSender(tx, sender);
    return tx;
  }

  /**
   * The least balance runTx lets the sender have (its two checks: the upfront cost at the block's base fee, and the
   * most the transaction can cost — gas limit × max fee + value + blob fees).
   */
  private requiredBalance(tx: TypedTransaction): bigint {
    const upfront = tx.getUpfrontCost(this.block.header.baseFeePerGas);
    let max = tx.value;
    if (tx.supports(Capability.EIP1559FeeMarket)) max += tx.gasLimit * (tx as { maxFeePerGas: bigint } & TypedTransaction).maxFeePerGas;
    if (isBlob4844Tx(tx)) max += this.common.param('blobGasPerBlob') * BigInt(tx.numBlobs()) * tx.maxFeePerBlobGas;
    return upfront > max ? upfront : max;
  }

  /** Analyses the jump destinations of `codes` (the scenario's contracts) ahead of any run (`jumpAnalysis.ts`). */
  preanalyse(codes: Iterable<Uint8Array>): number {
    return preanalyse(this.vm.evm, codes);
  }

  /**
   * A system call after the last transaction (Prague's request queues, EIP-7002 and EIP-7251), as ethereumjs's
   * `accumulateRequests` makes it: from the system address, with 30,000,000 gas, in no block, and the system account
   * left as it was. Returns what it wrote to `reader`'s state; `undefined` when the contract has no account (then
   * there is no call).
   */
  async systemCall(contract: Hex, reader: StateReader): Promise<WriteSet | undefined> {
    const view = this.view;
    view.reset(reader);
    this.vm.evm.journal.cleanJournal();
    const to = createAddressFromString(contract);
    if ((await view.getAccount(to)) === undefined) return undefined;
    const system = `0x${this.common.param('systemAddress').toString(16).padStart(40, '0')}`;
    await this.vm.evm.runCall({ caller: createAddressFromString(system), to, gasLimit: this.common.param('systemCallGasLimit') });
    const w = view.writeSet();
    const untouched = (key: StateKey) => keyAddress(key) !== system.slice(2);
    return { writes: w.writes.filter(([key]) => untouched(key)), deltas: w.deltas.filter(([key]) => untouched(key)), codes: w.codes };
  }

  /** Lets go of what the last transaction read through (a worker's replica of a run that is over). */
  release(): void {
    this.view.reset(RELEASED);
  }

  /**
   * `lazyCredits`: ETH credits become balance deltas (`block-stm-deltas`; see `lazyAccount.ts`). `lazySenders`: the
   * sender's nonce and debit become one delta under its validity conditions (`lazyAccount.ts`): `deferred` on a
   * multi-version replica (the policy checks the conditions at commit), `exact` on the exact state (checked here).
   */
  async execute(index: number, sender: Hex, reader: StateReader, lazyCredits = false, lazySenders: LazySenders = 'off'): Promise<TxOutcome> {
    let outcome = await this.attempt(index, sender, reader, lazyCredits, lazySenders);
    if (this.kzg.needed) {
      // It verified a KZG proof before this thread had the library (`kzg.ts`): load it and run the transaction again.
      await loadKzg();
      outcome = await this.attempt(index, sender, reader, lazyCredits, lazySenders);
    }
    // The sender, looked at for real, was not what it stood in for (or the transaction failed while it stood in):
    // the ordinary execution decides, with its own reads and message.
    if (this.view.senderMismatch || (outcome.kind === 'invalid' && this.view.senderIsLazy())) return this.attempt(index, sender, reader, lazyCredits, 'off');
    return outcome;
  }

  private async attempt(index: number, sender: Hex, reader: StateReader, lazyCredits: boolean, lazySenders: LazySenders = 'off'): Promise<TxOutcome> {
    const view = this.view;
    this.kzg.needed = false;
    view.reset(reader);
    // A clean journal: an execution stopped by an exception (an ESTIMATE read) before Berlin leaves its `touched`
    // accounts there (ethereumjs clears them in `finally` only under EIP-2929), and the next `runTx` starts with
    // `journal.cleanup()`, which reads them — stray reads in another transaction's read set, stops on a stranger's
    // ESTIMATE (61–80 % of block-stm's aborts on block 12,159,808), and an empty one deleted as if this one touched it.
    this.vm.evm.journal.cleanJournal();
    view.lazyCredits = lazyCredits;
    let tx: TypedTransaction;
    try {
      tx = this.tx(index, sender);
    } catch (e) {
      return { kind: 'invalid', reads: [], message: (e as Error).message };
    }
    const from = sender.slice(2).toLowerCase();
    // Not for an EIP-7702 transaction (its authorisations may
    // read the sender's nonce) or a free one (a stand-in balance of 0 would look like an empty account).
    if (lazySenders !== 'off' && !tx.supports(Capability.EIP7702EOACode)) {
      const required = this.requiredBalance(tx);
      if (required > 0n) view.lazySender = { addr: from, nonce: tx.nonce, required, exact: lazySenders === 'exact' };
    }
    try {
      const r = await runTx(this.vm, {
        tx,
        block: this.block,
        skipHardForkValidation: true,
        skipBlockGasLimitValidation: true,
      });
      const err = r.execResult.exceptionError;
      const logs: Log[] = (r.execResult.logs ?? []).map(([address, topics, data]) => ({
        address: bytesToHex(address) as Hex,
        topics: topics.map((t) => bytesToHex(t) as Hex),
        data: bytesToHex(data) as Hex,
      }));
      const writeSet = view.writeSet(); // first: it may materialise lazy accounts, which adds reads
      if (view.blocked) return blocked(view.blocked);
      const out: TxDone = {
        kind: 'done',
        reads: [...view.reads],
        writeSet,
        status: err ? 0 : 1,
        gasUsed: r.blockGasSpent ?? r.totalGasSpent,
        logs,
      };
      if (r.createdAddress && !err) out.contractAddress = r.createdAddress.toString() as Hex;
      if (err) out.error = describeFailure(err.error, r.execResult.returnValue);
      return out;
    } catch (e) {
      if (view.blocked) return blocked(view.blocked);
      if (e instanceof EstimateRead) return blocked(e);
      const reads = [...view.reads];
      return { kind: 'invalid', reads, message: explainInvalid(cleanMessage((e as Error).message), sender, reads) };
    }
  }
}

/** The reader of a released executor: nothing to read until the next transaction brings its own. */
const RELEASED: StateReader = {
  read: () => {
    throw new Error('TxExecutor: released, no state to read');
  },
};

function blocked(e: EstimateRead): TxBlocked {
  return { kind: 'blocked', key: e.key, blockingTx: e.blockingTx };
}

/** `revert: Error("insufficient balance")` rather than bytes. */
function describeFailure(error: string, returnValue: Uint8Array): string {
  if (error === 'revert' && returnValue.length >= 68 && bytesToUnprefixedHex(returnValue.subarray(0, 4)) === '08c379a0') {
    const len = Number(BigInt(bytesToHex(returnValue.subarray(36, 68))));
    const text = new TextDecoder().decode(returnValue.subarray(68, 68 + Math.min(len, 256)));
    return `revert: ${text}`;
  }
  return error;
}

/**
 * ethereumjs says a sender with no account "only has: 0" or has the wrong nonce: true, but it reads like a balance
 * problem of the engine's. When the sender's account does not exist at all, say so — in a block bundle that is
 * missing data (its pre-state lacks the account), or a sender recovered from a signature that was altered.
 */
function explainInvalid(message: string, sender: Hex, reads: [StateKey, StateValue][]): string {
  const key = accountKey(sender.slice(2).toLowerCase());
  const read = reads.find(([k]) => k === key);
  if (read === undefined || read[1] !== null) return message;
  return (
    `its sender ${sender} has no account: it is absent from the pre-state and no earlier transaction created it (a sender ` +
    `recovered from the signature of a transaction changed after signing is such a stranger; the EVM says: ${message})`
  );
}

/** ethereumjs appends block and tx dumps to its messages; keep the sentence a user can act on. */
function cleanMessage(message: string): string {
  return message.replace(/\s*\((vm hf|block|tx)[:=].*$/s, '').replace(/\s*-> .*$/s, '').trim();
}
