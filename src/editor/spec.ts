/**
 * `WorkloadSpec`: what the builder's form holds, as plain JSON (it travels in the share link and local storage).
 * Its shape is checked with valibot when it comes from outside; `plan.ts` checks it against the contract's ABI.
 */
import * as v from 'valibot';
import { show } from '../engine/scenario/errors.ts';
import type { ArgSpec } from './args.ts';

export interface SetupCallSpec {
  /** Function signature, e.g. `mint(address,uint256)`. */
  fn: string;
  /** `deployer`: once, from the deployer; `each-sender`: once from every sender (an approve, a deposit). */
  from: 'deployer' | 'each-sender';
  args: ArgSpec[];
  /** Wei sent with the call, e.g. `0` or `1 ether`. */
  value: string;
}

export interface CallGroupSpec {
  fn: string;
  /** How many calls of this function the block holds. */
  count: number;
  args: ArgSpec[];
  /** msg.value of each call: a constant or a range. */
  value: ArgSpec;
  /** Gas limit of each call. */
  gas: number;
}

export interface WorkloadSpec {
  /** `File.sol:Name`. */
  contract: string;
  constructorArgs: ArgSpec[];
  /** Accounts `user(0)…user(senders-1)` send the block's calls, in turn. */
  senders: number;
  /** What each sender holds when the block starts, e.g. `100 ether`. */
  balance: string;
  seed: number;
  /** Run in order before the block; their effects are the block's pre-state. */
  setup: SetupCallSpec[];
  /** The block: every group's calls, interleaved by the seed. */
  calls: CallGroupSpec[];
}

export const LIMITS = { senders: 5000, calls: 20_000, setupTxs: 20_000, gas: 30_000_000 } as const;

/**
 * Bounds on every string and list a spec can hold. A spec arrives in share links, which are untrusted: an unbounded
 * string (a million-digit `balance` inflated from a 400-character link) would reach the parsers and the form.
 * `amount`: a number field (`balance`, a value, a range bound: uint256 has 78 digits, with separators and a unit);
 * `constant`: a constant argument (a `string` or `bytes` value may be long); `name`: a contract or function name.
 */
export const TEXT_LIMITS = { amount: 200, constant: 10_000, name: 1_000 } as const;
/** Arguments of one call, and setup calls or call groups in a spec. */
export const LIST_LIMITS = { args: 64, groups: 200 } as const;

const num = v.pipe(v.number('expected a number'), v.finite('expected a finite number'));
const text = (max: number) =>
  v.pipe(
    v.string('expected a string'),
    v.maxLength(max, (issue) => `expected at most ${max} characters, got ${(issue.input as string).length}`),
  );
const list = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item, 'expected a list'), v.maxLength(max, (issue) => `expected at most ${max} items, got ${(issue.input as unknown[]).length}`));
/** An object whose every field is known: a misspelt or unknown field (`__proto__` included) is named, never dropped. */
const strict = <E extends v.ObjectEntries>(entries: E) =>
  v.strictObject(entries, (issue) => `unknown field ${issue.received} (expected one of ${Object.keys(entries).join(', ')})`);
const amount = text(TEXT_LIMITS.amount);
const name = text(TEXT_LIMITS.name);
const argSpec = v.variant(
  'kind',
  [
    strict({ kind: v.literal('constant'), value: text(TEXT_LIMITS.constant) }),
    strict({ kind: v.literal('sender') }),
    strict({ kind: v.literal('contract') }),
    strict({ kind: v.literal('account'), accounts: num }),
    strict({ kind: v.literal('zipf-account'), accounts: num, skew: num }),
    strict({ kind: v.literal('range'), min: amount, max: amount }),
    strict({ kind: v.literal('zipf-item'), items: num, skew: num }),
  ],
  (issue) => `expected an argument kind (constant, sender, contract, account, zipf-account, range, zipf-item), got ${show(issue.input)}`,
);
const args = list(argSpec, LIST_LIMITS.args);

export const workloadSchema = strict({
  contract: name,
  constructorArgs: args,
  senders: num,
  balance: amount,
  seed: num,
  setup: list(
    strict({ fn: name, from: v.picklist(['deployer', 'each-sender'], 'expected "deployer" or "each-sender"'), args, value: amount }),
    LIST_LIMITS.groups,
  ),
  calls: list(strict({ fn: name, count: num, args, value: argSpec, gas: num }), LIST_LIMITS.groups),
});

/** A spec from untrusted JSON, or `field: message` lines. */
export function parseWorkloadSpec(input: unknown): { ok: true; spec: WorkloadSpec } | { ok: false; issues: string[] } {
  const r = v.safeParse(workloadSchema, input);
  if (r.success) return { ok: true, spec: r.output as WorkloadSpec };
  return { ok: false, issues: r.issues.map((i) => `${v.getDotPath(i) ?? 'workload'}: ${i.message}`) };
}

export const ZERO_VALUE: ArgSpec = { kind: 'constant', value: '0' };
