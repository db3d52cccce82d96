/** What every transaction kind implements, and what the generator hands it. */
import type { Address } from '../../../engine/scenario/types.ts';
import type { Assets } from '../assets.ts';
import type { Draft } from '../draft.ts';
import type { Knobs } from '../knobs.ts';
import type { Prng } from '../prng.ts';
import type { World } from '../world.ts';
import type { Zipf } from '../zipf.ts';
import type { KindId } from './ids.ts';

export interface KindContext {
  readonly knobs: Knobs;
  readonly world: World;
  /** Shared contracts (tokens, pools, the NFT collection…), placed on first use. */
  readonly assets: Assets;
  /** This kind's own random stream. */
  readonly rng: Prng;
  /** One draw of the `hotSpot` knob: should this transaction hit the hot key? */
  hot(): boolean;
  /** A recipient: Zipf-ranked from the population, or fresh (`accounts: 'fresh'`). */
  recipient(): Address;
  /** Zipf over `n` ranks with the `skew` exponent (rank 0 most popular). */
  zipf(n: number): Zipf;
}

export interface Kind {
  id: KindId;
  /** The `label` its transactions carry. */
  label: string;
  /** What it does and where its conflicts come from, one sentence (docs, CLI help). */
  summary: string;
  /** Places what the kind needs; returns the builder of one transaction from `sender`. */
  install(ctx: KindContext): (sender: Address) => Draft;
}
