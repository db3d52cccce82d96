/**
 * `block-stm-deltas`: Block-STM where ETH credits are commutative balance deltas (pevm's lazy updates; Garamvölgyi et
 * al., ICSE'22). The first touch of an existing, non-empty account reads only its shape (existence, nonce, code); a
 * value credit to it is reported as a delta, which the multi-version memory folds into later full reads. Anything that
 * observes the balance (BALANCE, SELFBALANCE, paying value or gas, self-destruct) materialises a real read, validated
 * as usual. So many payers of one address — an exchange's deposit address, WETH's `deposit()` — stop conflicting on
 * the recipient's account. Same coordinator and workers as `block-stm`; only the workers' state view differs
 * (`evm/lazyAccount.ts`).
 */
import { BlockStmRun } from './blockStm/coordinator.ts';
import { startWorkers } from './shared.ts';
import type { RunContext, Strategy, StrategyOutput } from './types.ts';

export const blockStmDeltas: Strategy = {
  name: 'block-stm-deltas',
  description: 'Block-STM where ETH credits to an account are commutative deltas unless its balance is observed (pevm lazy updates).',
  async run(ctx: RunContext): Promise<StrategyOutput> {
    const { senders, busy, recoverMs } = await startWorkers(ctx);
    return new BlockStmRun(ctx, senders, busy, recoverMs, { lazyCredits: true }).execute(ctx.scenario.transactions.length);
  },
};
