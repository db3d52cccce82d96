/** The DAO, with `proposals` open proposals made by the deployer before the block. */
import type { Address } from '../../../engine/scenario/types.ts';
import { pad32 } from '../../abi.ts';
import { Dao } from '../../contracts/index.ts';
import { DEPLOYER, SETUP_GAS, type World } from '../world.ts';

export function installDao(world: World, proposals: number): Address {
  const address = world.deploy('dao', 'da00', 0, Dao.deployedBytecode, Dao.bytecode);
  for (let id = 0; id < proposals; id++) {
    const description = pad32(id + 1); // any non-zero 32 bytes
    if (world.mode === 'prestate') {
      const p = Dao.slots.proposal(BigInt(id));
      world.store(address, p.description, BigInt(description));
      world.store(address, p.proposer, BigInt(DEPLOYER));
    } else {
      world.init({ from: DEPLOYER, to: address, input: Dao.propose(description), value: 0n, gas: SETUP_GAS, label: 'setup: propose' });
    }
  }
  if (world.mode === 'prestate') world.store(address, Dao.slots.proposalCount, BigInt(proposals));
  return address;
}
