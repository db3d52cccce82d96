/**
 * The NFT collection. Items that workload transfers move are pre-minted to their owners (written into the
 * pre-state, or minted by the owners in setup); workload mints then get the ids after them, in block order.
 */
import type { Address, Hex } from '../../../engine/scenario/types.ts';
import { Nft } from '../../contracts/index.ts';
import { memo } from '../memo.ts';
import { slotsOf } from '../slots.ts';
import { SETUP_GAS, type World } from '../world.ts';

export class NftCollection {
  readonly address: Address;
  readonly balanceSlot: (owner: Address) => Hex = memo(slotsOf.nft.balance);
  readonly ownerSlot: (id: bigint) => Hex = memo(slotsOf.nft.owner);
  readonly #mint = Nft.mint();
  readonly #world: World;
  #preminted = 0;
  #mints = 0;

  constructor(world: World) {
    this.#world = world;
    this.address = world.deploy('nft collection', 'a7a7', 0, Nft.deployedBytecode, Nft.bytecode);
    world.onFinish(() => {
      if (world.mode === 'prestate') world.store(this.address, Nft.slots.nextId, BigInt(this.#preminted));
    });
  }

  /** An item `owner` holds before the block starts; returns its id. */
  premint(owner: Address): bigint {
    const id = BigInt(this.#preminted++);
    if (this.#world.mode === 'prestate') {
      this.#world.store(this.address, this.ownerSlot(id), BigInt(owner));
      const balance = this.balanceSlot(owner);
      this.#world.store(this.address, balance, this.#world.stored(this.address, balance) + 1n);
    } else {
      this.#world.init({ from: owner, to: this.address, input: this.#mint, value: 0n, gas: SETUP_GAS, label: 'setup: mint nft' });
    }
    return id;
  }

  /** Reserves the next workload mint; the returned function gives its id once every pre-mint is known. */
  nextMint(): () => bigint {
    const k = this.#mints++;
    return () => BigInt(this.#preminted + k);
  }
}
