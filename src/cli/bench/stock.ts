/**
 * The reference every benchmark row is read against: stock `@ethereumjs/vm` on one thread, `MerkleStateManager`
 * (no caches) seeded from the scenario's pre-state. Seeding is not timed.
 *
 * - Block bundles: `runBlock` on the real signed block (senders recovered from signatures, as the engine does by
 *   default), timed as a whole; it maintains the trie as it goes, so its time includes the state root work.
 * - Generated workloads: `runTx` per transaction with the sender impersonated, as `src/workloads/testing/stockRunner.ts`
 *   does; the loop is timed as execution and `getStateRoot()` apart as root time.
 */
import { createBlockFromRPC, type JSONRPCBlock } from '@ethereumjs/block';
import { Common, Mainnet } from '@ethereumjs/common';
import type { EVMMockBlockchainInterface } from '@ethereumjs/evm';
import { MerkleStateManager } from '@ethereumjs/statemanager';
import { bytesToHex, hexToBytes } from '@ethereumjs/util';
import { createVM, runBlock, runTx } from '@ethereumjs/vm';
import type { Hex, PreState, Scenario } from '../../engine/scenario/types.ts';
import { blockFor, commonFor, seedStock, txFor } from '../../workloads/testing/stockRunner.ts';

export interface StockTiming {
  /** What ran: `runBlock` or `runTx loop`. */
  method: string;
  /** Execution time (for `runBlock`: the whole call, trie updates and receipts included). */
  wallMs: number;
  /** `getStateRoot()` after the loop; `undefined` for `runBlock`, where it is part of `wallMs`. */
  rootMs?: number;
  gasUsed: Hex;
  stateRoot: Hex;
  receiptsRoot?: Hex;
  logsBloom?: Hex;
}

const seed = (common: Common, pre: PreState): Promise<MerkleStateManager> => seedStock(new MerkleStateManager({ common }), pre);

const hex = (n: bigint): Hex => `0x${n.toString(16)}`;

/** A generated scenario (senders in `from`), transaction by transaction. */
export async function stockRunTx(s: Scenario): Promise<StockTiming> {
  const common = commonFor(s);
  const stateManager = await seed(common, s.preState);
  const vm = await createVM({ common, stateManager });
  const block = blockFor(s, common);
  const txs = s.transactions.map((t) => txFor(t, common));
  let cumulative = 0n;
  const t0 = performance.now();
  for (const [i, tx] of txs.entries()) {
    try {
      const r = await runTx(vm, { tx, block, skipHardForkValidation: true, blockGasUsed: cumulative });
      cumulative += r.totalGasSpent;
    } catch (e) {
      throw new Error(`stock runTx: tx ${i} is invalid: ${(e as Error).message}`, { cause: e });
    }
  }
  const t1 = performance.now();
  const root = await stateManager.getStateRoot();
  const t2 = performance.now();
  return { method: 'runTx loop', wallMs: t1 - t0, rootMs: t2 - t1, gasUsed: hex(cumulative), stateRoot: bytesToHex(root) as Hex };
}

interface RawBundle {
  block: JSONRPCBlock & { number: string; timestamp: string; parentHash?: string };
  blockHashes?: Record<string, string>;
}

/** A real block bundle through `runBlock`, as `.scratch/stock.ts` does (senders recovered from signatures). */
export async function stockRunBlock(s: Scenario, raw: unknown): Promise<StockTiming> {
  const b = raw as RawBundle;
  const common = new Common({ chain: Mainnet });
  common.setHardforkBy({ blockNumber: BigInt(b.block.number), timestamp: BigInt(b.block.timestamp) });
  const block = createBlockFromRPC(b.block, [], { common });
  const stateManager = await seed(common, s.preState);
  const hashes: Record<string, string> = { ...b.blockHashes };
  if (b.block.parentHash) hashes[String(BigInt(b.block.number) - 1n)] ??= b.block.parentHash;
  const blockchain: EVMMockBlockchainInterface = {
    getBlock: async (n: number) => {
      const h = hashes[String(n)];
      if (h === undefined) throw new Error(`stock runBlock: no hash for block ${n}`);
      return { hash: () => hexToBytes(h as Hex) };
    },
    putBlock: async () => {},
    shallowCopy: () => blockchain,
  };
  const vm = await createVM({ common, stateManager, blockchain });
  const t0 = performance.now();
  const r = await runBlock(vm, { block, skipBlockValidation: true, skipHeaderValidation: true, generate: true, skipHardForkValidation: true });
  const t1 = performance.now();
  return {
    method: 'runBlock',
    wallMs: t1 - t0,
    gasUsed: hex(r.gasUsed),
    stateRoot: bytesToHex(r.stateRoot) as Hex,
    receiptsRoot: bytesToHex(r.receiptsRoot) as Hex,
    logsBloom: bytesToHex(r.logsBloom) as Hex,
  };
}
