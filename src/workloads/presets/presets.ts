/**
 * The named workloads: what people recognise, each a set of knob values and a description of the conflicts to
 * expect. Knobs not named here take their defaults (1000 transactions, EIP-1559 fees, contracts in the pre-state,
 * no access lists); any of them can be overridden.
 *
 * Plain data and look-ups, no generator: the page's forms read this module; `index.ts` adds `generatePreset`.
 */
import { suggest } from '../../engine/scenario/fields.ts';
import { KnobError, type Knobs } from '../generators/knobs.ts';

export interface Preset {
  /** Short kebab-case, for URLs and `--preset`. */
  id: string;
  name: string;
  /** What the block holds and where its conflicts come from. */
  description: string;
  knobs: Partial<Knobs>;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'independent-payments',
    name: 'Independent payments',
    description:
      'ETH payments, each from its own sender to a never-seen address. No conflicts: no two transactions share a ' +
      'state key (fees reach the coinbase as a commutative credit), so Block-STM runs them all at once with no ' +
      're-execution: the ceiling for parallel speedup.',
    knobs: { mix: { eth: 1 }, accounts: 'fresh' },
  },
  {
    id: 'erc20-airdrop',
    name: 'ERC20 airdrop',
    description:
      'A few distributors send one token to thousands of fresh addresses, 25 transfers each. Conflicts stay inside a ' +
      'distributor: its transfers form a nonce chain and all debit its one balance slot, so each chain runs in ' +
      'order, while different distributors’ chains are independent: parallelism is about the number of distributors.',
    knobs: { mix: { erc20: 1 }, tokens: 1, accounts: 'fresh', noncesPerSender: 25 },
  },
  {
    id: 'dex-rush',
    name: 'DEX rush (one hot pool)',
    description:
      'Nine swaps in ten hit pool 0; the rest spread over three quiet pools. Every swap on the hot pool reads and ' +
      'writes the same reserves, so they all conflict: Block-STM re-executes the swaps that ran on stale reserves, ' +
      'and one worker ends up doing the pool’s chain. Expect aborts on the reserve slots and little speedup.',
    knobs: { mix: { swap: 1 }, pools: 4, hotSpot: 0.9 },
  },
  {
    id: 'many-pools',
    name: 'Many pools',
    description:
      'Swaps spread evenly over 64 pools. Swaps on one pool still conflict on its reserves, but each pool sees about ' +
      'one swap in 64: many short independent chains instead of one long one. Block-STM still re-executes a swap ' +
      'that ran before the previous swap on its pool was visible, but the work spreads over every worker.',
    knobs: { mix: { swap: 1 }, pools: 64 },
  },
  {
    id: 'nft-mint',
    name: 'NFT mint frenzy',
    description:
      'Four in five transactions mint from one public collection; every mint reads and writes its shared nextId, so ' +
      'all mints conflict with each other: as sequential as a hot counter, and Block-STM re-executes until each mint ' +
      'sees the id before it. The other fifth transfer already-minted items between collectors: independent.',
    knobs: { mix: { 'nft-mint': 0.8, 'nft-transfer': 0.2 }, accounts: 'fresh' },
  },
  {
    id: 'dao-vote',
    name: 'DAO vote',
    description:
      'Everyone votes on three open proposals (half the votes on proposal 0). A vote adds to its proposal’s yes or no ' +
      'tally, so votes with the same choice on the same proposal conflict: six tally slots make six chains, the ' +
      'busiest (proposal 0, yes) a third of the block. Each voter’s “voted” flag is private.',
    knobs: { mix: { 'dao-vote': 1 }, proposals: 3, skew: 1 },
  },
  {
    id: 'game-economy',
    name: 'Game economy',
    description:
      'Players craft items, buy listed items from shops and give items away. Every craft takes the shared item ' +
      'counter (a hot chain); buys conflict on a popular shop’s gold (shops are Zipf-ranked: a few do most of the ' +
      'business); gifts touch only their own item and never conflict.',
    knobs: { mix: { 'game-craft': 0.2, 'game-buy': 0.5, 'game-give': 0.3 }, accounts: 200, skew: 1.1 },
  },
  {
    id: 'mixed-defi',
    name: 'Mixed DeFi day',
    description:
      'Payments, token transfers over four tokens, swaps over four pools, a few NFT mints and DAO votes, two ' +
      'transactions per sender, popular recipients (Zipf 1). Conflicts come in clusters: each pool’s swaps chain up, ' +
      'mints chain on nextId, votes on their tallies, popular recipients collect conflicting credits, and a sender’s ' +
      'second transaction follows its first through the nonce.',
    knobs: {
      mix: { eth: 0.25, erc20: 0.35, swap: 0.25, 'nft-mint': 0.05, 'dao-vote': 0.05, 'user-counter': 0.05 },
      tokens: 4,
      pools: 4,
      proposals: 4,
      accounts: 2000,
      skew: 1,
      noncesPerSender: 2,
    },
  },
];

export const PRESET_IDS: readonly string[] = PRESETS.map((p) => p.id);

/** The preset with this id; throws `KnobError` (on `preset`) naming the known ones. */
export function getPreset(id: string): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (preset) return preset;
  const guess = suggest(id, PRESET_IDS);
  const hint = guess ? `did you mean "${guess}"?` : `known: ${PRESET_IDS.join(', ')}`;
  throw new KnobError([{ keys: [], message: `unknown preset ${JSON.stringify(id)} (${hint})` }], 'preset');
}

/** The preset's knobs with `overrides` on top (a `mix` override replaces the whole mix). */
export function presetKnobs(id: string, overrides: Partial<Record<keyof Knobs, unknown>> = {}): Record<string, unknown> {
  return { ...getPreset(id).knobs, ...overrides };
}
