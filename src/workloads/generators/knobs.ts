/**
 * The generator's knobs: their defaults, what each means, and their validation. Every problem is reported with the
 * knob's path and what was expected (`knobs.skew: expected a number ≥ 0, got -1`), all problems at once.
 */
import * as v from 'valibot';
import { formatPath, show } from '../../engine/scenario/errors.ts';
import { Problem, field, suggest } from '../../engine/scenario/fields.ts';
import { run, strict } from '../../engine/scenario/shapes.ts';
import { KIND_IDS, type KindId } from './kinds/ids.ts';
import type { DeployMode } from './world.ts';

export type AccessListMode = 'exact' | 'partial' | 'none';
/** Share of each transaction kind; validated mixes hold only kinds with a share above 0, summing to 1. */
export type Mix = Partial<Record<KindId, number>>;

export interface Knobs {
  txs: number;
  accounts: number | 'fresh';
  mix: Mix;
  skew: number;
  hotSpot: number;
  tokens: number;
  pools: number;
  proposals: number;
  noncesPerSender: number;
  txType: 0 | 1 | 2;
  baseFee: number;
  tip: number;
  accessLists: AccessListMode;
  deploy: DeployMode;
}

/** What a knob takes and does, one line each (CLI help and docs). */
export const KNOB_DOCS: Record<keyof Knobs, string> = {
  txs: 'workload transactions, 10 to 100000 (setup transactions of deploy=transactions come on top)',
  accounts: 'recipient population drawn by Zipf, 1 to 1000000; "fresh" pays a never-seen address every time',
  mix: `share of each kind, e.g. erc20=0.7,swap=0.3 (kinds: ${KIND_IDS.join(', ')})`,
  skew: 'Zipf exponent over recipients, tokens, pools, proposals and sellers; 0 is uniform',
  hotSpot: 'share of transactions, 0 to 1, sent to one hot key (the hot wallet, token 0, pool 0, proposal 0)',
  tokens: 'ERC20 tokens that erc20 transfers spread over, 1 to 1000',
  pools: 'AMM pools (each with its own token pair) that swaps spread over, 1 to 1000',
  proposals: 'open DAO proposals that votes spread over, 1 to 1000',
  noncesPerSender: 'workload transactions per sender, 1 to 100000 (they form a nonce chain)',
  txType: 'transaction type: 0 legacy, 1 access list, 2 dynamic fee',
  baseFee: 'block base fee in wei (or "2gwei"), up to 1000000 gwei',
  tip: 'priority fee in wei (or "0.1gwei"), up to 1000000 gwei',
  accessLists: 'exact (every storage key the tx touches), partial (a random half of them) or none',
  deploy: 'prestate (contracts and balances seeded in the pre-state) or transactions (deployed and set up by leading transactions)',
};

export const DEFAULT_KNOBS: Knobs = {
  txs: 1000,
  accounts: 1000,
  mix: { eth: 1 },
  skew: 0,
  hotSpot: 0,
  tokens: 1,
  pools: 1,
  proposals: 4,
  noncesPerSender: 1,
  txType: 2,
  baseFee: 1_000_000_000,
  tip: 100_000_000,
  accessLists: 'none',
  deploy: 'prestate',
};

export const KNOB_NAMES = Object.keys(DEFAULT_KNOBS) as (keyof Knobs)[];
export const MAX_TXS = 100_000;
const MAX_WEI = 10 ** 15;

/** Knob values as people write them: numbers may come as strings (CLI, form fields). */
function asNumber(x: unknown): number | undefined {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(x)) return Number(x);
  return undefined;
}

function integer(lo: number, hi: number, also?: string) {
  return (x: unknown): number | Problem => {
    const n = asNumber(x);
    if (n !== undefined && Number.isInteger(n) && n >= lo && n <= hi) return n;
    return new Problem(`expected a whole number from ${lo} to ${hi}${also ?? ''}, got ${show(x)}`);
  };
}

function number(lo: number, hi: number) {
  return (x: unknown): number | Problem => {
    const n = asNumber(x);
    if (n !== undefined && Number.isFinite(n) && n >= lo && n <= hi) return n;
    const range = hi === Infinity ? `≥ ${lo}` : `from ${lo} to ${hi}`;
    return new Problem(`expected a number ${range}, got ${show(x)}`);
  };
}

function oneOf<const T extends readonly (string | number)[]>(options: T) {
  return (x: unknown): T[number] | Problem => {
    const hit = options.find((o) => o === x || String(o) === x);
    if (hit !== undefined) return hit;
    return new Problem(`expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${show(x)}`);
  };
}

/** Wei as a number, a decimal string, or with a unit: `1000000000`, `"2gwei"`, `"0.5 gwei"`. */
function wei(x: unknown): number | Problem {
  const m = typeof x === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(wei|gwei)?\s*$/i.exec(x) : null;
  const n = m ? Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'gwei' ? 1e9 : 1)) : typeof x === 'number' ? x : NaN;
  if (Number.isInteger(n) && n >= 0 && n <= MAX_WEI) return n;
  return new Problem(`expected an amount of wei from 0 to ${MAX_WEI} (or "2gwei"), got ${show(x)}`);
}

const accounts = (x: unknown): number | 'fresh' | Problem =>
  x === 'fresh' ? 'fresh' : integer(1, 1_000_000, ' or "fresh"')(x);

const weight = number(0, Infinity);

/** `{ erc20: 3, swap: 1 }` → `{ erc20: 0.75, swap: 0.25 }`; unknown kinds and bad weights are issues at their key. */
const mix = v.pipe(
  v.unknown(),
  v.rawTransform<unknown, Mix>(({ dataset, addIssue, NEVER }) => {
    const input = dataset.value;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      addIssue({ message: `expected kind weights such as { "erc20": 0.7, "swap": 0.3 }, got ${show(input)}` });
      return NEVER;
    }
    const at = (key: string): [v.ObjectPathItem] => [
      { type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value: (input as Record<string, unknown>)[key] },
    ];
    const weights: [KindId, number][] = [];
    let ok = true;
    for (const [key, raw] of Object.entries(input)) {
      const w = weight(raw);
      if (!(KIND_IDS as readonly string[]).includes(key)) {
        const guess = suggest(key, KIND_IDS);
        addIssue({ message: `unknown transaction kind (${guess ? `did you mean "${guess}"?` : `known: ${KIND_IDS.join(', ')}`})`, path: at(key) });
        ok = false;
      } else if (w instanceof Problem) {
        addIssue({ message: w.message, path: at(key) });
        ok = false;
      } else if (w > 0) weights.push([key as KindId, w]);
    }
    if (!ok) return NEVER;
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    if (weights.length === 0 || !Number.isFinite(total)) {
      addIssue({ message: `needs at least one kind with a finite weight above 0 (kinds: ${KIND_IDS.join(', ')})` });
      return NEVER;
    }
    // Kinds in registry order, so equal mixes written in another order generate the same block.
    const shares: Mix = {};
    for (const id of KIND_IDS) {
      const w = weights.find(([k]) => k === id);
      if (w) shares[id] = w[1] / total;
    }
    return shares;
  }),
);

const schema = strict({
  txs: v.optional(field(integer(10, MAX_TXS)), DEFAULT_KNOBS.txs),
  accounts: v.optional(field(accounts), DEFAULT_KNOBS.accounts),
  mix: v.optional(mix, DEFAULT_KNOBS.mix),
  skew: v.optional(field(number(0, Infinity)), DEFAULT_KNOBS.skew),
  hotSpot: v.optional(field(number(0, 1)), DEFAULT_KNOBS.hotSpot),
  tokens: v.optional(field(integer(1, 1000)), DEFAULT_KNOBS.tokens),
  pools: v.optional(field(integer(1, 1000)), DEFAULT_KNOBS.pools),
  proposals: v.optional(field(integer(1, 1000)), DEFAULT_KNOBS.proposals),
  noncesPerSender: v.optional(field(integer(1, MAX_TXS)), DEFAULT_KNOBS.noncesPerSender),
  txType: v.optional(field(oneOf([0, 1, 2] as const)), DEFAULT_KNOBS.txType),
  baseFee: v.optional(field(wei), DEFAULT_KNOBS.baseFee),
  tip: v.optional(field(wei), DEFAULT_KNOBS.tip),
  accessLists: v.optional(field(oneOf(['exact', 'partial', 'none'] as const)), DEFAULT_KNOBS.accessLists),
  deploy: v.optional(field(oneOf(['prestate', 'transactions'] as const)), DEFAULT_KNOBS.deploy),
});

export interface KnobIssue {
  /** Path below `knobs`: `['skew']`, `['mix', 'swp']`. */
  keys: (string | number)[];
  message: string;
}

/** Bad knob values: one line per problem, `knobs.<path>: <what was expected>, got <value>`. */
export class KnobError extends Error {
  override readonly name = 'KnobError';
  constructor(readonly issues: KnobIssue[], readonly prefix = 'knobs') {
    super(issues.map((i) => `${formatPath([prefix, ...i.keys])}: ${i.message}`).join('\n'));
  }
}

/** Validates knob values (any subset; the rest take their defaults). Throws `KnobError`. */
export function parseKnobs(input: unknown = {}): Knobs {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new KnobError([{ keys: [], message: `expected an object of knob values, got ${show(input)}` }]);
  }
  const parsed = run(schema, input);
  if (!parsed.ok) {
    // `strict` words it for scenario files; here the object's fields are knobs.
    throw new KnobError(parsed.issues.map((i) => (i.keys.length === 1 ? { ...i, message: i.message.replace(/^unknown field/, 'unknown knob') } : i)));
  }
  const knobs = { ...DEFAULT_KNOBS, ...parsed.value } as Knobs;
  if (knobs.txType === 0 && knobs.accessLists !== 'none') {
    throw new KnobError([{ keys: ['accessLists'], message: `type-0 transactions carry no access list; set txType to 1 or 2, or accessLists to "none" (got "${knobs.accessLists}")` }]);
  }
  return knobs;
}

/** A seed: a whole number from 0 to 2^32 - 1. Throws `KnobError`. */
export function parseSeed(x: unknown): number {
  const n = asNumber(x);
  if (n !== undefined && Number.isInteger(n) && n >= 0 && n <= 0xffffffff) return n;
  throw new KnobError([{ keys: [], message: `expected a whole number from 0 to 4294967295, got ${show(x)}` }], 'seed');
}
