/**
 * `generate(knobs, seed)`: a seeded, validated-knob workload generator. The same knobs and seed give the same
 * scenario, byte for byte, in Node and in the browser (pure TypeScript, integer PRNG, no platform APIs).
 *
 * Plan: each kind in the mix places its contracts (`World`, `Assets`); each workload transaction gets its sender
 * from the nonce-chain schedule and its kind from the mix, and the kind builds it (recipient by Zipf or hot spot,
 * amounts, the balances it will need). Then the world settles what was needed (pre-state storage, or setup
 * transactions) and `assemble` fixes nonces, fees, access lists and sender funding.
 */
import type { Address, Scenario } from '../../engine/scenario/types.ts';
import { blockEnv } from '../common.ts';
import { Recipients, senderSchedule } from './accounts.ts';
import { assemble } from './assemble.ts';
import { Assets } from './assets.ts';
import type { Draft } from './draft.ts';
import { KINDS, KIND_IDS, type KindContext, type KindId } from './kinds/index.ts';
import { parseKnobs, parseSeed, type Knobs } from './knobs.ts';
import { Prng } from './prng.ts';
import { World } from './world.ts';
import { Zipf } from './zipf.ts';

export { DEFAULT_KNOBS, KNOB_DOCS, KNOB_NAMES, KnobError, MAX_TXS, parseKnobs, parseSeed } from './knobs.ts';
export type { AccessListMode, KnobIssue, Knobs, Mix } from './knobs.ts';
export { KINDS, KIND_IDS, type Kind, type KindId } from './kinds/index.ts';
export { HOT_WALLET } from './accounts.ts';
export { DEPLOYER } from './world.ts';
export { serializeScenarioChunks } from './serializeChunks.ts';

export const HARDFORK = 'cancun';
const MIN_BLOCK_GAS = 30_000_000n;

export interface GenerateMeta {
  name?: string;
  description?: string;
}

/** Builds the scenario. Throws `KnobError` for bad knob values or seed. */
export function generate(knobInput: unknown, seedInput: unknown, meta: GenerateMeta = {}): Scenario {
  const knobs = parseKnobs(knobInput);
  const seed = parseSeed(seedInput);
  const world = new World(knobs.deploy);
  const assets = new Assets(world, knobs);
  const hotRng = Prng.stream(seed, 'hot');
  const recipients = new Recipients(knobs.accounts, knobs.skew, Prng.stream(seed, 'recipients'));
  const zipfs = new Map<number, Zipf>();
  const context = (id: KindId): KindContext => ({
    knobs,
    world,
    assets,
    rng: Prng.stream(seed, `kind:${id}`),
    hot: () => hotRng.chance(knobs.hotSpot),
    recipient: () => recipients.next(),
    zipf: (n) => zipfs.get(n) ?? zipfs.set(n, new Zipf(n, knobs.skew)).get(n)!,
  });

  const builders: ((from: Address) => Draft)[] = [];
  const cumulative: number[] = [];
  let sum = 0;
  for (const id of KIND_IDS) {
    const share = knobs.mix[id];
    if (share === undefined) continue;
    builders.push(KINDS[id].install(context(id)));
    cumulative.push((sum += share));
  }

  const senders = senderSchedule(knobs.txs, knobs.noncesPerSender, Prng.stream(seed, 'senders'));
  const mixRng = Prng.stream(seed, 'mix');
  const drafts: Draft[] = [];
  for (let i = 0; i < knobs.txs; i++) {
    const u = mixRng.next() * sum;
    let k = 0;
    while (k < cumulative.length - 1 && cumulative[k]! <= u) k++;
    drafts.push(builders[k]!(senders[i]!));
  }

  const setup = world.finish();
  const all = setup.concat(drafts);
  drafts.length = 0;
  const { transactions, gasTotal } = assemble(knobs, all, setup.length, world.preState, Prng.stream(seed, 'access-lists'));
  return {
    version: 1,
    name: meta.name ?? `generated-${knobs.txs}`,
    description: `${meta.description ? `${meta.description} ` : ''}Generated with seed ${seed}: ${describeKnobs(knobs)}.`,
    chain: { chainId: 1, hardfork: HARDFORK },
    block: blockEnv(HARDFORK, { gasLimit: gasTotal > MIN_BLOCK_GAS ? gasTotal : MIN_BLOCK_GAS, baseFee: BigInt(knobs.baseFee) }),
    preState: world.preState,
    transactions,
  };
}

/** `txs=500 mix=erc20:0.7,swap:0.3 skew=1 …`: the knob values, so a scenario file says how it was made. */
export function describeKnobs(k: Knobs): string {
  const mix = Object.entries(k.mix).map(([id, share]) => `${id}:${Number(share.toFixed(4))}`).join(',');
  return [
    `txs=${k.txs}`, `mix=${mix}`, `accounts=${k.accounts}`, `skew=${k.skew}`, `hotSpot=${k.hotSpot}`, `tokens=${k.tokens}`,
    `pools=${k.pools}`, `proposals=${k.proposals}`, `noncesPerSender=${k.noncesPerSender}`, `txType=${k.txType}`,
    `baseFee=${k.baseFee}`, `tip=${k.tip}`, `accessLists=${k.accessLists}`, `deploy=${k.deploy}`,
  ].join(' ');
}
