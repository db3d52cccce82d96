import { describe, expect, it } from 'vitest';
import { ethTransfers } from '../bench.ts';
import { runScenarioStock } from './stockRunner.ts';

describe('stock runner', () => {
  it('rejects invalid transactions, so a clean run proves a scenario valid', async () => {
    const wrongNonce = ethTransfers(2);
    wrongNonce.transactions[1]!.nonce = '0x1';
    await expect(runScenarioStock(wrongNonce)).rejects.toThrow(/tx 1 .*invalid.*nonce/i);

    const tooPoor = ethTransfers(1);
    tooPoor.preState[tooPoor.transactions[0]!.from!]!.balance = '0x5208'; // 21000 wei: not gas * maxFee + value
    await expect(runScenarioStock(tooPoor)).rejects.toThrow(/invalid.*enough funds/i);

    const overBlock = ethTransfers(2);
    overBlock.block.gasLimit = '0xa40f'; // 41999: the second 21000-gas transfer no longer fits
    await expect(runScenarioStock(overBlock)).rejects.toThrow(/gas/);
  });

  it('gives the same state root with the Merkle state manager on repeated runs', async () => {
    const s = ethTransfers(3);
    const [a, b] = [await runScenarioStock(s, { merkle: true }), await runScenarioStock(s, { merkle: true })];
    expect(await a.stateRoot()).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await a.stateRoot()).toBe(await b.stateRoot());
  });
});
