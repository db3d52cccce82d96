/**
 * Field schemas shared by the scenario and bundle schemas: each accepts what people write (mixed-case hex, decimal
 * numbers) and normalises it to the one spelling `types.ts` promises, or fails with a message naming the problem.
 */
import * as v from 'valibot';
import { show } from './errors.ts';
import { HARDFORKS } from './hardforks.ts';
import type { Address, Hex, TxType } from './types.ts';

/** Why a value was rejected; a field parser returns it instead of a value. */
export class Problem {
  constructor(readonly message: string) {}
}
const problem = (message: string) => new Problem(message);

/** A valibot schema from a parser that returns the normalised value or a `Problem`. */
export function field<T>(parse: (input: unknown) => T | Problem) {
  return v.pipe(
    v.unknown(),
    v.rawTransform<unknown, T>(({ dataset, addIssue, NEVER }) => {
      const out = parse(dataset.value);
      if (!(out instanceof Problem)) return out;
      addIssue({ message: out.message });
      return NEVER;
    }),
  );
}

/** The same for object keys (record keys are always strings). */
export function keyField<T extends string>(parse: (input: string) => T | Problem) {
  return v.pipe(
    v.string(),
    v.rawTransform<string, T>(({ dataset, addIssue, NEVER }) => {
      const out = parse(dataset.value);
      if (!(out instanceof Problem)) return out;
      addIssue({ message: out.message });
      return NEVER;
    }),
  );
}

const HEX_DIGITS = /^0x[0-9a-f]*$/i;
const HEX_NUMBER = /^0x[0-9a-f]+$/i;
const DECIMAL = /^[0-9]+$/;
const NEGATIVE = /^-\s*(?:0x[0-9a-f]+|[0-9]+(?:\.[0-9]+)?)$/i;

/** Hex (`0x1A`), decimal string (`"26"`) or JSON number (`26`) → `0x1a`; at most `bits` bits. */
export function parseQuantity(input: unknown, bits = 256, noun = 'a hex quantity'): Hex | Problem {
  let n: bigint;
  if (typeof input === 'string' && (HEX_NUMBER.test(input) || DECIMAL.test(input))) n = BigInt(input);
  else if (typeof input === 'number' && Number.isInteger(input) && input >= 0) {
    if (!Number.isSafeInteger(input)) return problem('is a JSON number above 2^53 - 1, which loses precision; write it as a hex or decimal string');
    n = BigInt(input);
  } else if (typeof input === 'bigint' && input >= 0n) n = input;
  else if ((typeof input === 'number' || typeof input === 'bigint') && input < 0) return problem(`expected a non-negative quantity, got ${input}`);
  else if (typeof input === 'string' && NEGATIVE.test(input)) return problem(`expected a non-negative quantity, got ${show(input)}`);
  else if (typeof input === 'number') return problem(`expected a whole number, got ${input}`);
  else return problem(`expected ${noun}, got ${show(input)}`);
  if (n >> BigInt(bits) !== 0n) return problem(`does not fit in ${bits} bits, got ${show(input)}`);
  return `0x${n.toString(16)}`;
}

export function parseAddress(input: unknown): Address | Problem {
  if (typeof input !== 'string' || !HEX_DIGITS.test(input)) return problem(`expected a 20-byte hex address, got ${show(input)}`);
  if (input.length !== 42) return problem(`expected a 20-byte address (40 hex digits), got ${input.length - 2} hex digits`);
  return input.toLowerCase() as Address;
}

/** `0x` hex bytes, lowercased; exactly `size` bytes when given. */
export function parseBytes(input: unknown, size?: number): Hex | Problem {
  if (typeof input !== 'string' || !HEX_DIGITS.test(input)) return problem(`expected 0x-prefixed hex bytes, got ${show(input)}`);
  const digits = input.length - 2;
  if (digits % 2 !== 0) return problem(`expected whole bytes (an even number of hex digits), got ${digits} hex digits`);
  if (size !== undefined && digits !== size * 2) {
    return problem(`expected ${size} bytes (${size * 2} hex digits), got ${digits / 2} byte${digits === 2 ? '' : 's'}`);
  }
  return input.toLowerCase() as Hex;
}

/** A storage slot key, `0x`-prefixed, zero-padded to 32 bytes (slots are compared as strings downstream). */
export function parseSlot(input: unknown): Hex | Problem {
  if (typeof input !== 'string' || !HEX_NUMBER.test(input)) return problem(`expected a 0x-prefixed hex storage slot, got ${show(input)}`);
  const out = parseQuantity(input, 256);
  return out instanceof Problem ? out : `0x${out.slice(2).padStart(64, '0')}`;
}

export function parseHardfork(input: unknown): string | Problem {
  if (typeof input !== 'string') return problem(`expected a hardfork name such as "cancun", got ${show(input)}`);
  if (HARDFORKS.includes(input)) return input;
  const guess = suggest(input, HARDFORKS);
  if (guess) return problem(`unknown hardfork ${show(input)} (did you mean "${guess}"?)`);
  return problem(`unknown hardfork ${show(input)}; expected one of ${HARDFORKS.join(', ')}`);
}

export function parseChainId(input: unknown): number | Problem {
  const out = parseQuantity(input, 53, 'a positive integer');
  if (out instanceof Problem || out === '0x0') return problem(`expected a positive integer, got ${show(input)}`);
  return Number(out);
}

export function parseTxType(input: unknown): TxType | Problem {
  const out = parseQuantity(input, 256);
  if (out instanceof Problem) return problem(`expected a transaction type (0, 1, 2, 3 or 4), got ${show(input)}`);
  const n = BigInt(out);
  if (n <= 4n) return Number(n) as TxType;
  return problem(`unsupported transaction type ${n} (Parallax runs types 0, 1, 2, 3 and 4)`);
}

export function parseText(input: unknown): string | Problem {
  return typeof input === 'string' && input.trim() !== '' ? input : problem(`expected a non-empty string, got ${show(input)}`);
}

/** A BLOCKHASH key: a decimal block number without leading zeros, as in the bundles. */
export function parseBlockNumberKey(input: string): string | Problem {
  return /^(0|[1-9][0-9]*)$/.test(input) ? input : problem(`expected a decimal block number as the key, got ${show(input)}`);
}

export const quantity = field((x) => parseQuantity(x));
export const quantity64 = field((x) => parseQuantity(x, 64));
export const quantity8 = field((x) => parseQuantity(x, 8));
export const address = field(parseAddress);
export const bytes = field((x) => parseBytes(x));
export const bytes32 = field((x) => parseBytes(x, 32));
export const bloom = field((x) => parseBytes(x, 256));
export const slotValue = field((x) => parseQuantity(x, 256, 'a hex storage value'));
export const text = field(parseText);
export const hardfork = field(parseHardfork);
export const chainId = field(parseChainId);
export const txType = field(parseTxType);
export const addressKey = keyField(parseAddress);
export const slotKey = keyField(parseSlot);
export const blockNumberKey = keyField(parseBlockNumberKey);

/** Names people reach for that mean one of ours. */
const ALIASES: Record<string, string> = {
  data: 'input',
  gasLimit: 'gas',
  miner: 'coinbase',
  mixHash: 'prevRandao',
  prestate: 'preState',
  accounts: 'preState',
  txs: 'transactions',
};

/** The known name a typo most likely meant: an alias, a case slip, or at most two edits away. */
export function suggest(word: string, known: readonly string[]): string | undefined {
  const alias = ALIASES[word];
  if (alias !== undefined && known.includes(alias)) return alias;
  const lower = word.toLowerCase();
  const byCase = known.find((k) => k.toLowerCase() === lower);
  if (byCase) return byCase;
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(word.length / 3));
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d <= bestDistance && (best === undefined || d < bestDistance)) [best, bestDistance] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
