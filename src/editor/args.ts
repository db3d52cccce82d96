/**
 * Argument generators: how the builder fills one argument of each generated call. A spec (plain data, kept in
 * the share link) is checked against the argument's Solidity type once, and becomes a `Sampler` that draws a value
 * per call from the call's own seeded stream, so the same workload and seed give the same calldata everywhere.
 *
 * Accounts are one population, `user(0)`, `user(1)`, …: the first `senders` of them send the block's calls, so a
 * `zipf-account` recipient is often also a sender (as on a real chain).
 */
import type { Address } from '../engine/scenario/types.ts';
import { sender as user } from '../workloads/generators/accounts.ts';
import type { Prng } from '../workloads/generators/prng.ts';
import { Zipf } from '../workloads/generators/zipf.ts';
import type { ArgValue } from './abiEncode.ts';
import { intRange, parseConstant, parseIntegerOf } from './values.ts';

export { user };

export type ArgSpec =
  | { kind: 'constant'; value: string }
  | { kind: 'sender' }
  | { kind: 'contract' }
  | { kind: 'account'; accounts: number }
  | { kind: 'zipf-account'; accounts: number; skew: number }
  | { kind: 'range'; min: string; max: string }
  | { kind: 'zipf-item'; items: number; skew: number };

export type ArgKind = ArgSpec['kind'];

/** What each kind does, for the builder's menus and the docs. */
export const ARG_KINDS: Record<ArgKind, string> = {
  constant: 'a constant',
  sender: 'the sender itself',
  contract: "the contract's own address",
  account: 'a random account (uniform)',
  'zipf-account': 'an account by Zipf (a few are popular)',
  range: 'a random number in a range',
  'zipf-item': 'an item number by Zipf (0 most popular)',
};

export const MAX_POPULATION = 1_000_000;

/** The kinds that make sense for a Solidity type, in menu order. */
export function argKindsFor(type: string): ArgKind[] {
  if (type === 'address') return ['sender', 'account', 'zipf-account', 'contract', 'constant'];
  if (intRange(type) || /^bytes\d+$/.test(type)) return ['range', 'zipf-item', 'constant'];
  if (type === 'bool') return ['constant', 'range'];
  return ['constant']; // string, bytes
}

/** A sensible first choice for a new argument of `type` (`name` hints: `to` → an account). */
export function defaultArg(type: string, name = ''): ArgSpec {
  if (type === 'address') return /^(from|owner|user|account|sender)$/i.test(name) ? { kind: 'sender' } : { kind: 'account', accounts: 100 };
  if (type === 'bool') return { kind: 'constant', value: 'true' };
  if (intRange(type) || /^bytes\d+$/.test(type)) return { kind: 'range', min: '1', max: '100' };
  return { kind: 'constant', value: type === 'bytes' ? '0x' : '' };
}

export interface DrawContext {
  sender: Address;
  contract: Address;
  rng: Prng;
}

export type Sampler = (ctx: DrawContext) => ArgValue;

/** Where a spec is wrong, relative to the argument (`''` is the argument itself, `min`, `accounts`…). */
export interface ArgProblem {
  field: string;
  message: string;
}

function population(n: unknown, field: string): number | ArgProblem {
  return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_POPULATION
    ? (n as number)
    : { field, message: `expected a whole number from 1 to ${MAX_POPULATION}, got ${JSON.stringify(n)}` };
}

function skewOf(s: unknown): number | ArgProblem {
  return typeof s === 'number' && s >= 0 && s <= 10 ? s : { field: 'skew', message: `expected a Zipf exponent from 0 to 10, got ${JSON.stringify(s)}` };
}

const isProblem = (x: unknown): x is ArgProblem => typeof x === 'object' && x !== null && 'message' in x;

/** Uniform integer in [lo, hi], any size (rejection-free: 64 bits beyond the span keep the bias negligible). */
function uniform(rng: Prng, lo: bigint, hi: bigint): bigint {
  const span = hi - lo + 1n;
  if (span <= 1n << 32n) return lo + BigInt(Math.floor(rng.next() * Number(span)));
  let r = 0n;
  for (let bits = 0n; 1n << bits < span << 64n; bits += 32n) r = (r << 32n) | BigInt(Math.floor(rng.next() * 2 ** 32));
  return lo + (r % span);
}

/** The bounds a number of `type` can take (bool as 0/1, bytesN as its unsigned value). */
function boundsOf(type: string): [bigint, bigint] {
  if (type === 'bool') return [0n, 1n];
  const b = /^bytes(\d+)$/.exec(type);
  if (b) return [0n, (1n << BigInt(8 * Number(b[1]))) - 1n];
  return intRange(type)!;
}

function numberFor(type: string, v: bigint): ArgValue {
  return type === 'bool' ? v === 1n : v;
}

/** Checks `spec` for an argument of `type`; the sampler, or what is wrong. */
export function compileArg(spec: ArgSpec, type: string): Sampler | ArgProblem {
  if (!argKindsFor(type).includes(spec.kind)) {
    return { field: 'kind', message: `${type} cannot be "${spec.kind}" (it can be ${argKindsFor(type).join(', ')})` };
  }
  switch (spec.kind) {
    case 'constant': {
      const v = parseConstant(type, spec.value);
      return typeof v === 'string' ? { field: 'value', message: v } : () => v;
    }
    case 'sender':
      return (c) => BigInt(c.sender);
    case 'contract':
      return (c) => BigInt(c.contract);
    case 'account': {
      const n = population(spec.accounts, 'accounts');
      return isProblem(n) ? n : (c) => BigInt(user(c.rng.int(n)));
    }
    case 'zipf-account': {
      const n = population(spec.accounts, 'accounts');
      if (isProblem(n)) return n;
      const s = skewOf(spec.skew);
      if (isProblem(s)) return s;
      const zipf = new Zipf(n, s);
      return (c) => BigInt(user(zipf.sample(c.rng.next())));
    }
    case 'range': {
      const [tlo, thi] = boundsOf(type);
      const rangeType = type === 'bool' ? 'uint8' : /^bytes/.test(type) ? `uint${8 * Number(type.slice(5))}` : type;
      const lo = parseIntegerOf(rangeType, spec.min);
      if (typeof lo === 'string') return { field: 'min', message: lo };
      const hi = parseIntegerOf(rangeType, spec.max);
      if (typeof hi === 'string') return { field: 'max', message: hi };
      if (lo < tlo || hi > thi) return { field: 'max', message: `${type} takes ${tlo} to ${thi}` };
      if (hi < lo) return { field: 'max', message: `max (${hi}) is below min (${lo})` };
      return (c) => numberFor(type, uniform(c.rng, lo, hi));
    }
    case 'zipf-item': {
      const n = population(spec.items, 'items');
      if (isProblem(n)) return n;
      const s = skewOf(spec.skew);
      if (isProblem(s)) return s;
      if (BigInt(n - 1) > boundsOf(type)[1]) return { field: 'items', message: `${n} items do not fit in ${type}` };
      const zipf = new Zipf(n, s);
      return (c) => numberFor(type, BigInt(zipf.sample(c.rng.next())));
    }
  }
}

export { isProblem };
