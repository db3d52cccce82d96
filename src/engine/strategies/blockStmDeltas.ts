/**
 * `block-stm-deltas`: Block-STM where ETH credits are commutative balance deltas (pevm's lazy updates; Garamvölgyi et
 * al., ICSE'22). The first touch of an existing, non-empty account reads only its shape (existence, nonce, code); a
 * value credit to it is reported as a delta, which the multi-version memory folds into later full reads. Anything that
 * observes the balance (BALANCE, SELFBALANCE, paying value or gas, self-destruct) materialises a real read, validated
 * as usual. So many payers of one address — an exchange's deposit address, WETH's `deposit()` — stop conflicting on
 * the recipient's account. Same policy and workers as `block-stm`; only the workers' state view differs
 * (`evm/lazyAccount.ts`).
 *
 * It reads senders in full (no lazy senders, unlike `block-stm`): a lazy credit takes the account's nonce from its
 * last absolute version, and a lazy sender's nonce increment is a delta, so the two together gave a credited payer a
 * stale nonce (found by this strategy's random-mix property, FC_SEED=3). Combining them needs the shape read to fold
 * nonce increments and to be revalidated on them.
 */
import type { StrategyDef } from '../runtime/policy.ts';
import { BlockStmPolicy } from './blockStm/policy.ts';

export const blockStmDeltas: StrategyDef = {
  name: 'block-stm-deltas',
  policy: (host) => new BlockStmPolicy(host, { lazyCredits: true, lazySenders: false }),
};
