/**
 * `arbScenario`: a fast-check arbitrary of small, valid, conflict-rich Scenarios for property tests of the executor.
 *
 * fast-check draws a list of *intents* (pay someone, bump the hot counter, deploy, …); `buildScenario` folds them
 * into transactions while tracking each sender's nonce and a lower bound on its balance, so every transaction is
 * valid where it stands in the sequence (reverts and out-of-gas are fine; invalid transactions never occur).
 * Shrinking works on the intents, so a failing case shrinks to a short, still valid scenario.
 *
 * Some scenarios carry EIP-2930 access lists on their type-1/2 contract calls — exact (what the call touches),
 * partial (some keys left out) or wrong (a key it never touches instead of the ones it does) — for strategies that
 * schedule by declared access; the rest carry none but the occasional `increment()` list they always had.
 */
import fc from 'fast-check';
import type { AccessListItem, Address, Hex, PreState, Scenario, ScenarioTx } from '../engine/scenario/types.ts';
import { contractAddress, quantity } from './abi.ts';
import { COINBASE, ETH, GWEI, account, blockEnv } from './common.ts';
import { Counter } from './contracts/index.ts';

export const RANDOM_HARDFORKS = ['berlin', 'london', 'shanghai', 'cancun'] as const;
/** The pre-deployed hot counter every scenario has. */
export const HOT_COUNTER: Address = account('c0c0', 0);
const BLOCK_GAS_LIMIT = 30_000_000n;

export interface ArbScenarioOptions {
  minTxs?: number;
  maxTxs?: number;
  hardforks?: readonly string[];
}

/** Fee fields drawn per tx; mapped onto the hardfork (type 2 becomes type 1 on berlin). */
export interface Fee {
  type: 0 | 1 | 2;
  tip: bigint;
  extra: bigint;
}

/** `from`/`to` are indexes into the funded senders (taken modulo their count). */
export type Intent =
  | { kind: 'eth'; fee: Fee; from: number; to: number | 'new' | 'counter' | 'coinbase'; value: bigint }
  | { kind: 'increment'; fee: Fee; from: number; target: number; accessList: boolean }
  | { kind: 'incrementBy'; fee: Fee; from: number; n: bigint }
  | { kind: 'fail'; fee: Fee; from: number }
  | { kind: 'burn'; fee: Fee; from: number; n: bigint; gas: bigint }
  | { kind: 'deploy'; fee: Fee; from: number }
  /** Pay the address a fresh deployer's first CREATE will use, then (`gap` intents later) deploy there. */
  | { kind: 'prefundDeploy'; fee: Fee; from: number; value: bigint; gap: number }
  /** A pays fresh B exactly enough for B's tx, then (`gap` intents later) B pays `to`. */
  | { kind: 'chain'; fee: Fee; fee2: Fee; from: number; to: number | 'new'; value: bigint; gap: number }
  | { kind: 'readCoinbase'; fee: Fee; from: number }
  | { kind: 'tipCoinbase'; fee: Fee; from: number; value: bigint };

/** Access lists on contract calls: none (as before), exact, partial (keys left out) or wrong (keys never touched). */
export type RandomAccessLists = 'none' | 'exact' | 'partial' | 'wrong';

/** EIP-2930 intrinsic gas per listed address and per listed storage key. */
const LIST_ADDRESS_GAS = 2400n;
const LIST_KEY_GAS = 1900n;

export interface RandomParams {
  hardfork: string;
  baseFee: bigint;
  senders: { balance: bigint; nonce: bigint }[];
  counterStart: bigint;
  coinbaseExists: boolean;
  intents: Intent[];
  maxTxs: number;
  /** Default `none`. */
  accessLists?: RandomAccessLists;
}

const arbFee: fc.Arbitrary<Fee> = fc.record({
  type: fc.constantFrom(0 as const, 1 as const, 2 as const),
  tip: fc.bigInt(0n, 2n * GWEI),
  extra: fc.bigInt(0n, GWEI),
});
const arbValue = fc.oneof(fc.constant(0n), fc.bigInt(1n, ETH / 10n));
const arbGap = fc.nat(4);

/** An intent arbitrary of `kind` with a fee and a sender, plus `fields`. */
function intent<K extends Intent['kind'], F extends Record<string, fc.Arbitrary<unknown>>>(
  kind: K,
  fields: F,
): fc.Arbitrary<{ kind: K; fee: Fee; from: number } & { [P in keyof F]: F[P] extends fc.Arbitrary<infer T> ? T : never }> {
  return fc.record({ kind: fc.constant(kind), fee: arbFee, from: fc.nat(7), ...fields }) as never; // spread loses the field types
}

export const arbIntent: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 4, arbitrary: intent('eth', { to: fc.oneof(fc.nat(7), fc.constantFrom('new' as const, 'counter' as const, 'coinbase' as const)), value: arbValue }) },
  { weight: 4, arbitrary: intent('increment', { target: fc.nat(3), accessList: fc.boolean() }) },
  { weight: 2, arbitrary: intent('incrementBy', { n: fc.bigInt(0n, (1n << 64n) - 1n) }) },
  { weight: 1, arbitrary: intent('fail', {}) },
  { weight: 1, arbitrary: intent('burn', { n: fc.bigInt(2n, 300n), gas: fc.bigInt(25_000n, 60_000n) }) },
  { weight: 1, arbitrary: intent('deploy', {}) },
  { weight: 1, arbitrary: intent('prefundDeploy', { value: fc.bigInt(1n, ETH / 10n), gap: arbGap }) },
  { weight: 2, arbitrary: intent('chain', { fee2: arbFee, to: fc.oneof(fc.nat(7), fc.constant('new' as const)), value: arbValue, gap: arbGap }) },
  { weight: 1, arbitrary: intent('readCoinbase', {}) },
  { weight: 1, arbitrary: intent('tipCoinbase', { value: arbValue }) },
);

export function arbScenario(opts: ArbScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const minTxs = opts.minTxs ?? 1;
  const maxTxs = opts.maxTxs ?? 40;
  return fc
    .record({
      hardfork: fc.constantFrom(...(opts.hardforks ?? RANDOM_HARDFORKS)),
      baseFee: fc.bigInt(1n, GWEI),
      senders: fc.array(fc.record({ balance: fc.bigInt(10n * ETH, 100n * ETH), nonce: fc.bigInt(0n, 5n) }), { minLength: 1, maxLength: 8 }),
      counterStart: fc.oneof(fc.constant(0n), fc.bigInt(1n, 1000n)),
      coinbaseExists: fc.boolean(),
      accessLists: fc.oneof(
        { weight: 3, arbitrary: fc.constant<RandomAccessLists>('none') },
        { weight: 1, arbitrary: fc.constantFrom<RandomAccessLists>('exact', 'partial', 'wrong') },
      ),
      // Senders hold ≥ 10 ETH, > 40 of the costliest txs, so every intent yields one or two txs: ≥ minTxs.
      intents: fc.array(arbIntent, { minLength: minTxs, maxLength: maxTxs, size: 'max' }), // lengths spread over the whole range
    })
    .map((p) => buildScenario({ ...p, maxTxs }));
}

interface Pending {
  wait: number;
  tx: ScenarioTx;
  after?: () => void;
}

/** Turns intents into a valid scenario (see the module comment). Exported so callers can build fixed cases. */
export function buildScenario(p: RandomParams): Scenario {
  const pre: PreState = {};
  const nonces = new Map<Address, bigint>();
  const balances = new Map<Address, bigint>(); // lower bounds: assume every tx spends its full gas at max fee
  const senders = p.senders.map((s, i) => {
    const a = account('5e4d', i);
    pre[a] = { balance: quantity(s.balance), nonce: quantity(s.nonce) };
    nonces.set(a, s.nonce);
    balances.set(a, s.balance);
    return a;
  });
  pre[HOT_COUNTER] = { balance: '0x0', nonce: '0x1', code: Counter.deployedBytecode, storage: p.counterStart > 0n ? { [Counter.slots.count]: quantity(p.counterStart) } : {} };
  if (p.coinbaseExists) pre[COINBASE] = { balance: quantity(ETH), nonce: '0x0' };
  const counters: Address[] = [HOT_COUNTER];
  let fresh = 0;
  const freshAccount = (): Address => account('f7e5', fresh++);
  const freshDeployer = (): Address => {
    const d = account('de91', fresh++);
    pre[d] = { balance: quantity(ETH), nonce: '0x0' };
    nonces.set(d, 0n);
    balances.set(d, ETH);
    return d;
  };
  const hasBaseFee = p.hardfork !== 'berlin';

  /** Fills fee fields; returns the tx and its worst-case cost per gas. */
  function make(fee: Fee, from: Address, to: Address | null, value: bigint, input: Hex, gas: bigint, label: string): ScenarioTx {
    const type = fee.type === 2 && !hasBaseFee ? 1 : fee.type;
    const base = hasBaseFee ? p.baseFee : 1n;
    const t: ScenarioTx = { type, from, to, nonce: '0x0', value: quantity(value), input, gas: quantity(gas), label };
    if (type === 2) {
      const maxFee = base + fee.extra;
      t.maxFeePerGas = quantity(maxFee);
      t.maxPriorityFeePerGas = quantity(fee.tip < maxFee ? fee.tip : maxFee);
    } else {
      t.gasPrice = quantity(base + fee.tip);
    }
    if (type !== 0) t.chainId = '0x1';
    return t;
  }
  /** Gives a type-1/2 call its access list as the scenario's mode says (exact: `touches`), paying its intrinsic gas. */
  let listed = 0;
  function declare(t: ScenarioTx, touches: AccessListItem[]): ScenarioTx {
    const mode = p.accessLists ?? 'none';
    if (mode === 'none' || t.type === 0 || touches.length === 0) return t;
    const k = listed++;
    const list =
      mode === 'exact' ? touches
      : mode === 'partial' ? touches.map((item) => ({ address: item.address, storageKeys: k % 2 === 0 ? [] : item.storageKeys.slice(0, 1) }))
      : touches.map((item) => ({ address: item.address, storageKeys: [Counter.slots.scratch(999n)] })); // never touched
    t.accessList = list;
    const gas = list.reduce((g, item) => g + LIST_ADDRESS_GAS + LIST_KEY_GAS * BigInt(item.storageKeys.length), 0n);
    t.gas = quantity(BigInt(t.gas) + gas);
    return t;
  }
  const maxCost = (t: ScenarioTx): bigint => BigInt(t.gas) * BigInt(t.maxFeePerGas ?? t.gasPrice!) + BigInt(t.value);

  const out: ScenarioTx[] = [];
  let pending: Pending[] = [];
  let gasLeft = BLOCK_GAS_LIMIT;
  /** Appends `t` if its sender can afford it now; assigns the nonce. */
  function emit(t: ScenarioTx, after?: () => void): boolean {
    const from = t.from!;
    const cost = maxCost(t);
    if (out.length >= p.maxTxs || (balances.get(from) ?? 0n) < cost || BigInt(t.gas) > gasLeft) return false;
    const nonce = nonces.get(from) ?? 0n;
    t.nonce = quantity(nonce);
    nonces.set(from, nonce + 1n);
    balances.set(from, balances.get(from)! - cost);
    gasLeft -= BigInt(t.gas);
    out.push(t);
    after?.();
    return true;
  }
  const credit = (a: Address, v: bigint) => balances.has(a) && balances.set(a, balances.get(a)! + v);
  const senderAt = (i: number) => senders[i % senders.length]!;

  for (const it of p.intents) {
    const from = senderAt(it.from);
    switch (it.kind) {
      case 'eth': {
        const to = it.to === 'new' ? freshAccount() : it.to === 'counter' ? HOT_COUNTER : it.to === 'coinbase' ? COINBASE : senderAt(it.to);
        const gas = to === HOT_COUNTER ? 30_000n : 21_000n; // a contract's receive() needs a little more
        emit(make(it.fee, from, to, it.value, '0x', gas, `eth → ${it.to === 'new' ? 'new account' : typeof it.to === 'number' ? 'sender' : it.to}`), () => credit(to, it.value));
        break;
      }
      case 'increment': {
        const to = counters[it.target % counters.length]!;
        const t = make(it.fee, from, to, 0n, Counter.increment(), 90_000n, 'increment()');
        if (it.accessList && t.type !== 0 && (p.accessLists ?? 'none') === 'none') t.accessList = [{ address: to, storageKeys: [Counter.slots.count] }];
        emit(declare(t, [{ address: to, storageKeys: [Counter.slots.count] }]));
        break;
      }
      case 'incrementBy':
        emit(declare(make(it.fee, from, HOT_COUNTER, 0n, Counter.incrementBy(it.n), 90_000n, 'incrementBy(n)'), [{ address: HOT_COUNTER, storageKeys: [Counter.slots.count] }]));
        break;
      case 'fail':
        emit(make(it.fee, from, HOT_COUNTER, 0n, Counter.fail(), 50_000n, 'fail()'));
        break;
      case 'burn': // ≤ 39k gas left after the intrinsic 21.6k, < two fresh SSTOREs: always out of gas
        emit(declare(make(it.fee, from, HOT_COUNTER, 0n, Counter.burn(it.n), it.gas, 'burn(n) out of gas'), [{ address: HOT_COUNTER, storageKeys: [Counter.slots.scratch(0n)] }]));
        break;
      case 'deploy': {
        const created = contractAddress(from, nonces.get(from)!);
        emit(make(it.fee, from, null, 0n, Counter.bytecode, 400_000n, 'deploy Counter'), () => counters.push(created));
        break;
      }
      case 'prefundDeploy': {
        const deployer = freshDeployer();
        const target = contractAddress(deployer, 0n);
        const funded = emit(make(it.fee, from, target, it.value, '0x', 21_000n, 'eth → future contract'));
        const deploy = make(it.fee, deployer, null, 0n, Counter.bytecode, 400_000n, 'deploy Counter at funded address');
        if (funded) pending.push({ wait: it.gap, tx: deploy, after: () => counters.push(target) });
        break;
      }
      case 'chain': {
        const b = freshAccount();
        const to = it.to === 'new' ? freshAccount() : senderAt(it.to);
        const spend = make(it.fee2, b, to, it.value, '0x', 21_000n, 'eth → spend received funds');
        const need = maxCost(spend); // exactly enough: B's tx is valid only after A's
        if (emit(make(it.fee, from, b, need, '0x', 21_000n, 'eth → fund fresh account'))) {
          balances.set(b, need);
          pending.push({ wait: it.gap, tx: spend, after: () => credit(to, it.value) });
        }
        break;
      }
      case 'readCoinbase':
        emit(declare(make(it.fee, from, HOT_COUNTER, 0n, Counter.coinbaseBalance(), 80_000n, 'coinbaseBalance()'), [
          { address: HOT_COUNTER, storageKeys: [Counter.slots.lastCoinbaseBalance] },
          { address: COINBASE, storageKeys: [] },
        ]));
        break;
      case 'tipCoinbase':
        emit(declare(make(it.fee, from, HOT_COUNTER, it.value, Counter.tipCoinbase(), 80_000n, 'tipCoinbase()'), [
          { address: HOT_COUNTER, storageKeys: [] },
          { address: COINBASE, storageKeys: [] },
        ]));
        break;
    }
    pending = flush(pending, emit, false);
  }
  flush(pending, emit, true);

  return {
    version: 1,
    name: `random-${p.hardfork}-${out.length}`,
    description: 'fast-check generated: nonce chains, hot counter, reverts, out-of-gas, creations, coinbase reads',
    chain: { chainId: 1, hardfork: p.hardfork },
    block: blockEnv(p.hardfork, { gasLimit: BLOCK_GAS_LIMIT, baseFee: p.baseFee }),
    preState: pre,
    transactions: out,
  };
}

/** Emits deferred txs whose wait is over (all of them at the end); returns the rest. */
function flush(pending: Pending[], emit: (t: ScenarioTx, after?: () => void) => boolean, all: boolean): Pending[] {
  const rest: Pending[] = [];
  for (const q of pending) {
    if (all || q.wait <= 0) emit(q.tx, q.after);
    else rest.push({ ...q, wait: q.wait - 1 });
  }
  return rest;
}
