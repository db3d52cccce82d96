/**
 * Runs a Scenario's transactions one by one on the stock @ethereumjs VM: the trusted reference that workload tests
 * use to prove a generated scenario is valid and does what it says. Senders are impersonated (`from`), never
 * recovered. Scope: transactions only, no block-level system calls (EIP-4788 beacon root), withdrawals or rewards,
 * and BLOCKHASH answers are not wired in.
 */
import { Common, Mainnet, createCustomCommon } from '@ethereumjs/common';
import { createBlock, type Block } from '@ethereumjs/block';
import { MerkleStateManager, SimpleStateManager } from '@ethereumjs/statemanager';
import { createTx, type TypedTransaction } from '@ethereumjs/tx';
import { createAccount, createAddressFromString, hexToBytes, setLengthLeft, unpadBytes, type Address as EAddress } from '@ethereumjs/util';
import { createVM, runTx, type VM } from '@ethereumjs/vm';
import type { Address, Hex, PreState, Scenario, ScenarioTx } from '../../engine/scenario/types.ts';
import { bytesToHex, decodeRevertReason } from '../abi.ts';

export interface StockReceipt {
  /** 1 success, 0 reverted or out of gas. */
  status: 0 | 1;
  gasUsed: bigint;
  cumulativeGasUsed: bigint;
  logs: { address: Address; topics: Hex[]; data: Hex }[];
  /** The EVM error (`revert`, `out of gas`, …), when status is 0. */
  error?: string;
  /** `Error(string)` reason of a revert. */
  revertReason?: string;
  returnValue: Hex;
  createdAddress?: Address;
}

export interface StockRun {
  vm: VM;
  receipts: StockReceipt[];
  balance(a: Address): Promise<bigint>;
  nonce(a: Address): Promise<bigint>;
  storage(a: Address, slot: Hex): Promise<bigint>;
  code(a: Address): Promise<Hex>;
  /** Only with `merkle: true`. */
  stateRoot(): Promise<Hex>;
}

export interface StockRunOptions {
  /** Use MerkleStateManager (gives a state root; slower). Default: SimpleStateManager. */
  merkle?: boolean;
}

export function commonFor(s: Scenario): Common {
  const { chainId, hardfork } = s.chain;
  return chainId === 1
    ? new Common({ chain: Mainnet, hardfork })
    : createCustomCommon({ chainId }, Mainnet, { hardfork });
}

export function blockFor(s: Scenario, common: Common): Block {
  const b = s.block;
  return createBlock(
    {
      header: {
        number: BigInt(b.number),
        timestamp: BigInt(b.timestamp),
        coinbase: b.coinbase,
        gasLimit: BigInt(b.gasLimit),
        baseFeePerGas: b.baseFeePerGas !== undefined ? BigInt(b.baseFeePerGas) : undefined,
        difficulty: b.difficulty !== undefined ? BigInt(b.difficulty) : undefined,
        mixHash: b.prevRandao,
        parentBeaconBlockRoot: b.parentBeaconBlockRoot,
        excessBlobGas: b.excessBlobGas !== undefined ? BigInt(b.excessBlobGas) : undefined,
      },
    },
    { common },
  );
}

/** An unsigned tx whose sender is `t.from`. Needs `freeze: false`, or `getSenderAddress` cannot be replaced. */
export function txFor(t: ScenarioTx, common: Common): TypedTransaction {
  if (t.from === undefined) throw new Error('stock runner needs `from` on every transaction');
  const tx = createTx(
    {
      type: t.type,
      nonce: BigInt(t.nonce),
      to: t.to ?? undefined,
      value: BigInt(t.value),
      data: t.input,
      gasLimit: BigInt(t.gas),
      gasPrice: t.gasPrice !== undefined ? BigInt(t.gasPrice) : undefined,
      maxFeePerGas: t.maxFeePerGas !== undefined ? BigInt(t.maxFeePerGas) : undefined,
      maxPriorityFeePerGas: t.maxPriorityFeePerGas !== undefined ? BigInt(t.maxPriorityFeePerGas) : undefined,
      accessList: t.accessList?.map((i) => ({ address: i.address, storageKeys: i.storageKeys })),
      chainId: t.chainId !== undefined ? BigInt(t.chainId) : undefined,
    },
    { common, freeze: false },
  );
  const from = createAddressFromString(t.from);
  tx.getSenderAddress = () => from;
  return tx;
}

/** Puts a scenario's pre-state into a stock state manager. */
export async function seedStock<M extends MerkleStateManager | SimpleStateManager>(stateManager: M, pre: PreState): Promise<M> {
  const addr = (a: Address): EAddress => createAddressFromString(a);
  for (const [a, acc] of Object.entries(pre) as [Address, PreState[Address]][]) {
    await stateManager.putAccount(addr(a), createAccount({ nonce: BigInt(acc.nonce), balance: BigInt(acc.balance) }));
    if (acc.code !== undefined && acc.code !== '0x') await stateManager.putCode(addr(a), hexToBytes(acc.code));
    for (const [k, v] of Object.entries(acc.storage ?? {}) as [Hex, Hex][]) {
      const value = unpadBytes(hexToBytes(v)); // state managers store values without leading zeros
      if (value.length > 0) await stateManager.putStorage(addr(a), setLengthLeft(hexToBytes(k), 32), value);
    }
  }
  return stateManager;
}

export async function runScenarioStock(s: Scenario, opts: StockRunOptions = {}): Promise<StockRun> {
  const common = commonFor(s);
  const stateManager = await seedStock(opts.merkle === true ? new MerkleStateManager({ common }) : new SimpleStateManager({ common }), s.preState);
  const addr = (a: Address): EAddress => createAddressFromString(a);
  const vm = await createVM({ common, stateManager });
  const block = blockFor(s, common);

  const receipts: StockReceipt[] = [];
  let cumulative = 0n;
  for (const [i, t] of s.transactions.entries()) {
    const tx = txFor(t, common);
    // A block rule runTx does not check: the tx's gas limit must fit in what the block has left.
    if (tx.gasLimit > block.header.gasLimit - cumulative) throw new Error(`tx ${i}: exceeds block gas left`);
    let r;
    try {
      r = await runTx(vm, { tx, block, skipHardForkValidation: true, blockGasUsed: cumulative });
    } catch (e) {
      throw new Error(`tx ${i} (${t.label ?? 'unlabelled'}) is invalid: ${(e as Error).message}`, { cause: e });
    }
    cumulative += r.totalGasSpent;
    const err = r.execResult.exceptionError?.error;
    receipts.push({
      status: err === undefined ? 1 : 0,
      gasUsed: r.totalGasSpent,
      cumulativeGasUsed: cumulative,
      logs: (r.execResult.logs ?? []).map(([a, topics, data]) => ({
        address: bytesToHex(a) as Address,
        topics: topics.map(bytesToHex),
        data: bytesToHex(data),
      })),
      error: err,
      revertReason: err === undefined ? undefined : decodeRevertReason(r.execResult.returnValue),
      returnValue: bytesToHex(r.execResult.returnValue),
      createdAddress: r.createdAddress?.toString() as Address | undefined,
    });
  }

  return {
    vm,
    receipts,
    balance: async (a) => (await stateManager.getAccount(addr(a)))?.balance ?? 0n,
    nonce: async (a) => (await stateManager.getAccount(addr(a)))?.nonce ?? 0n,
    storage: async (a, slot) => {
      const v = await stateManager.getStorage(addr(a), setLengthLeft(hexToBytes(slot), 32));
      return v.length === 0 ? 0n : BigInt(bytesToHex(v));
    },
    code: async (a) => bytesToHex(await stateManager.getCode(addr(a))),
    stateRoot: async () => bytesToHex(await stateManager.getStateRoot()),
  };
}
