/**
 * Contracts that several kinds share (erc20 transfers and swaps both need tokens' balance slots; NFT mints and
 * transfers one collection), each placed the first time a kind asks for it. Kinds install in a fixed order, so
 * which contract gets which address (or deployment nonce) is deterministic.
 */
import type { Address } from '../../engine/scenario/types.ts';
import { installCounter, installUserCounter } from './installs/counter.ts';
import { installDao } from './installs/dao.ts';
import { GameWorld } from './installs/game.ts';
import { NftCollection } from './installs/nft.ts';
import { installPools, type PoolInfo } from './installs/pools.ts';
import { installTokens, tokenSlots, type TokenInfo } from './installs/tokens.ts';
import type { Knobs } from './knobs.ts';
import type { TokenSlots, World } from './world.ts';

export class Assets {
  readonly #world: World;
  readonly #knobs: Knobs;
  readonly #cache = new Map<string, unknown>();
  /** ERC20 balance and allowance slots, hashed once for every token. */
  readonly tokenSlots: TokenSlots = tokenSlots();

  constructor(world: World, knobs: Knobs) {
    this.#world = world;
    this.#knobs = knobs;
  }

  #once<T>(name: string, make: () => T): T {
    if (!this.#cache.has(name)) this.#cache.set(name, make());
    return this.#cache.get(name) as T;
  }

  tokens(): TokenInfo[] {
    return this.#once('tokens', () => installTokens(this.#world, this.#knobs.tokens, this.tokenSlots));
  }

  pools(): PoolInfo[] {
    return this.#once('pools', () => installPools(this.#world, this.#knobs.pools, this.tokenSlots));
  }

  counter(): Address {
    return this.#once('counter', () => installCounter(this.#world));
  }

  userCounter(): Address {
    return this.#once('userCounter', () => installUserCounter(this.#world));
  }

  nft(): NftCollection {
    return this.#once('nft', () => new NftCollection(this.#world));
  }

  dao(): Address {
    return this.#once('dao', () => installDao(this.#world, this.#knobs.proposals));
  }

  game(): GameWorld {
    return this.#once('game', () => new GameWorld(this.#world));
  }
}
