/**
 * EIP-7610: a creation whose address has non-empty storage (and no nonce, no code) is a collision — and the
 * storage-emptiness the check asks for is made of tracked reads, so a parallel strategy validates it.
 */
import { bytesToHex, createAddressFromString, generateAddress, hexToBytes } from '@ethereumjs/util';
import { describe, expect, it } from 'vitest';
import type { Address, Hex, Scenario } from '../scenario/types.ts';
import { BaseState } from '../state/baseState.ts';
import { CommittedState } from '../state/committedState.ts';
import { TxExecutor } from './executor.ts';
import { genKey, slotKey } from './keys.ts';

const SENDER: Address = '0x000000000000000000000000000000000000a11c';
const TARGET = bytesToHex(generateAddress(createAddressFromString(SENDER).bytes, hexToBytes('0x'))) as Address;
const SLOT = '01'.padStart(64, '0');
const SLOT_KEY: Hex = `0x${SLOT}`;

function creation(targetStorage: Record<Hex, Hex> | undefined): Scenario {
  return {
    version: 1,
    name: 'create at an address with storage',
    chain: { chainId: 1, hardfork: 'cancun' },
    block: { number: '0x1', timestamp: '0x3e8', coinbase: '0x00000000000000000000000000000000000c0ffe', gasLimit: '0x1c9c380', baseFeePerGas: '0x7', blockHashes: {} },
    preState: {
      [SENDER]: { balance: '0xde0b6b3a7640000', nonce: '0x0' },
      ...(targetStorage ? { [TARGET]: { balance: '0x0', nonce: '0x0', storage: targetStorage } } : {}),
    },
    // Init code `STOP`: an empty contract, unless the address collides.
    transactions: [{ type: 2, from: SENDER, to: null, nonce: '0x0', value: '0x0', input: '0x00', gas: '0x30d40', maxFeePerGas: '0xa', maxPriorityFeePerGas: '0x1' }],
  };
}

async function execute(scenario: Scenario) {
  const base = new BaseState(scenario);
  const executor = await TxExecutor.create(scenario, base);
  const outcome = await executor.execute(0, SENDER, new CommittedState(base));
  if (outcome.kind !== 'done') throw new Error(`expected the creation to run, got ${outcome.kind}`);
  return outcome;
}

describe('EIP-7610 create collision', () => {
  const target = TARGET.slice(2);

  it('fails a creation where storage is non-empty, using all its gas, and reads the storage it looked at', async () => {
    const o = await execute(creation({ [SLOT_KEY]: '0x1' }));
    expect(o.status).toBe(0);
    expect(o.error).toBe('create collision');
    expect(o.gasUsed).toBe(0x30d40n);
    const reads = new Map(o.reads);
    expect(reads.get(genKey(target))).toBe(0);
    expect(reads.get(slotKey(target, SLOT, 0))).toBe(1n);
  });

  it('lets a creation succeed where the pre-state lists only zero slots, or nothing', async () => {
    for (const storage of [{ [SLOT_KEY]: '0x0' } as Record<Hex, Hex>, undefined]) {
      const o = await execute(creation(storage));
      expect(o.status).toBe(1);
      expect(o.contractAddress?.toLowerCase()).toBe(TARGET);
    }
  });
});
