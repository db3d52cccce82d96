/** A scenario with a transaction the chain would reject fails the run with a message naming it, in every strategy. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../run.ts';
import { parseScenario } from '../scenario/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { testPool } from '../testing/harness.ts';
import { STRATEGIES } from './registry.ts';
import { RunError } from '../runtime/errors.ts';

const demo = (): Scenario => parseScenario(JSON.parse(readFileSync(new URL('../../../examples/counter-demo.json', import.meta.url), 'utf8')));
const pool = testPool(2);
afterAll(() => pool.dispose());

describe('invalid transactions', () => {
  const wrongNonce = demo();
  wrongNonce.transactions[1] = { ...wrongNonce.transactions[1], nonce: '0x9' };
  const tooPoor = demo();
  tooPoor.transactions[0] = { ...tooPoor.transactions[0], value: '0xffffffffffffffffffffffffffffffff' };

  for (const strategy of STRATEGIES) {
    it(`${strategy.name}: a wrong nonce names the transaction and the nonces`, async () => {
      const run = runScenario(wrongNonce, { strategy: strategy.name, workers: 2 }, pool);
      await expect(run).rejects.toBeInstanceOf(RunError);
      await expect(runScenario(wrongNonce, { strategy: strategy.name, workers: 2 }, pool)).rejects.toThrow(
        "transactions[1] is not valid: the tx doesn't have the correct nonce. account has nonce of: 0 tx has nonce of: 9",
      );
    });

    it(`${strategy.name}: a sender who cannot pay names the transaction`, async () => {
      await expect(runScenario(tooPoor, { strategy: strategy.name, workers: 2 }, pool)).rejects.toThrow(
        /^transactions\[0\] is not valid: sender doesn't have enough funds to send tx\. The upfront cost is: \d+ and the sender's account \(0x0+a11c\) only has: \d+$/,
      );
    });
  }
});
