/** The chain and block a scenario runs in, as ethereumjs objects. */
import { type Block, createBlock } from '@ethereumjs/block';
import { Common, Hardfork, Mainnet, createCustomCommon } from '@ethereumjs/common';
import type { EVMMockBlockchainInterface } from '@ethereumjs/evm';
import type { KZG } from '@ethereumjs/util';
import type { Scenario } from '../scenario/types.ts';
import { scenarioBlockHash } from './blockHashes.ts';
import { keccak256 } from './keccak.ts';
import { LazyKzg } from './kzg.ts';
import { ecrecover } from './secp256k1.ts';

/**
 * The scenario's chain. Signature recovery — of senders, and in the ECRECOVER precompile — goes through
 * `secp256k1.ts`: libsecp256k1 in WASM once this thread has loaded it, ethereumjs's pure-JS code until then.
 * keccak-256 — the KECCAK256 opcode (every mapping slot a contract touches), CREATE2 addresses, transaction hashes —
 * goes through `keccak.ts` the same way: WebAssembly once loaded (a worker starts loading it when it starts), noble
 * until then; same bytes.
 * `kzg`: the point-evaluation precompile's (`kzg.ts`); an executor passes its own, to learn when it was needed
 * (ethereumjs also wants one to build a blob transaction, and never calls it for that).
 */
export function createCommon(scenario: Pick<Scenario, 'chain'>, kzg: KZG = new LazyKzg()): Common {
  const { chainId, hardfork } = scenario.chain;
  const customCrypto = { ecrecover, kzg, keccak256 };
  if (chainId === 1) return new Common({ chain: Mainnet, hardfork, customCrypto });
  return createCustomCommon({ chainId, name: `chain-${chainId}` }, Mainnet, { hardfork, customCrypto });
}

/** The block header every transaction of the scenario executes under. */
export function createScenarioBlock(scenario: Scenario, common: Common): Block {
  const b = scenario.block;
  const merged = common.gteHardfork(Hardfork.Paris);
  const header: Record<string, unknown> = {
    number: BigInt(b.number),
    timestamp: BigInt(b.timestamp),
    coinbase: b.coinbase,
    gasLimit: BigInt(b.gasLimit),
    difficulty: merged ? 0n : BigInt(b.difficulty ?? '0x0'),
  };
  if (common.isActivatedEIP(1559)) header.baseFeePerGas = BigInt(b.baseFeePerGas ?? '0x7');
  if (merged && b.prevRandao) header.mixHash = b.prevRandao;
  if (common.isActivatedEIP(4844)) header.excessBlobGas = BigInt(b.excessBlobGas ?? '0x0');
  if (common.isActivatedEIP(4788)) header.parentBeaconBlockRoot = b.parentBeaconBlockRoot ?? `0x${'00'.repeat(32)}`;
  if (BigInt(b.number) > 0n) header.parentHash = scenarioBlockHash(scenario, BigInt(b.number) - 1n);
  // Skip consensus checks: this is an execution environment, not a block to import.
  return createBlock({ header }, { common, setHardfork: false, freeze: false });
}

/**
 * BLOCKHASH answers from the scenario; numbers it does not list get a deterministic stand-in (keccak256 of the
 * number), so every strategy and every run agrees.
 */
export function createBlockHashes(scenario: Scenario): EVMMockBlockchainInterface {
  const chain: EVMMockBlockchainInterface = {
    async getBlock(n: number) {
      const hash = scenarioBlockHash(scenario, BigInt(n));
      return { hash: () => hash };
    },
    async putBlock() {},
    shallowCopy: () => chain,
  };
  return chain;
}
