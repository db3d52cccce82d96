/**
 * The game. Items that workload buys and gifts need are made before the block (written into the pre-state, or
 * crafted and listed by their owners in setup); buyers' gold is credited the same way (or earned in setup).
 * Workload crafts get the ids after every pre-made item, in block order.
 */
import type { Address, Hex } from '../../../engine/scenario/types.ts';
import { Game } from '../../contracts/index.ts';
import { encoder } from '../calldata.ts';
import { memo } from '../memo.ts';
import { slotsOf } from '../slots.ts';
import { SETUP_GAS, type Ledger, type World } from '../world.ts';

export class GameWorld {
  readonly address: Address;
  readonly gold: Ledger;
  readonly ownerSlot: (item: bigint) => Hex = memo(slotsOf.game.owner);
  readonly priceSlot: (item: bigint) => Hex = memo(slotsOf.game.price);
  readonly #craft = Game.craft();
  readonly #list = encoder<[bigint, bigint]>(Game.list(0n, 0n));
  readonly #world: World;
  #premade = 0;
  #crafts = 0;

  constructor(world: World) {
    this.#world = world;
    const address = (this.address = world.deploy('game', '6a3e', 0, Game.deployedBytecode, Game.bytecode));
    const earn = encoder<[bigint]>(Game.earn(0n));
    this.gold = {
      contract: address,
      slot: memo(slotsOf.game.gold),
      setup: (holder, amount) => ({ from: holder, to: address, input: earn(amount), value: 0n, gas: SETUP_GAS, label: 'setup: earn gold' }),
    };
    world.onFinish(() => {
      if (world.mode === 'prestate') world.store(address, Game.slots.itemCount, BigInt(this.#premade));
    });
  }

  /** An item `owner` holds before the block, for sale at `price` gold (0: not for sale); returns its id. */
  premake(owner: Address, price: bigint): bigint {
    const item = BigInt(this.#premade++);
    const w = this.#world;
    if (w.mode === 'prestate') {
      w.store(this.address, this.ownerSlot(item), BigInt(owner));
      w.store(this.address, this.priceSlot(item), price);
    } else {
      w.init({ from: owner, to: this.address, input: this.#craft, value: 0n, gas: SETUP_GAS, label: 'setup: craft item' });
      if (price > 0n) w.init({ from: owner, to: this.address, input: this.#list(item, price), value: 0n, gas: SETUP_GAS, label: 'setup: list item' });
    }
    return item;
  }

  /** Reserves the next workload craft; the returned function gives its item id once every pre-made item is known. */
  nextCraft(): () => bigint {
    const k = this.#crafts++;
    return () => BigInt(this.#premade + k);
  }
}
