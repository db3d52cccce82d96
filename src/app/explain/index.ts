/**
 * The page's words for a run: names for addresses and state keys, why each conflict happened, and what the run
 * achieved. `namesFor` knows the project's own contracts (`workloads/contracts/docs.json`: storage layouts, which
 * function reads and writes which variable on which line, code hashes); the editor adds the user's.
 */
import type { Scenario } from '../../engine/scenario/types.ts';
import type { ContractDoc } from '../../workloads/compiler/contractDocs.ts';
import projectDocs from '../../workloads/contracts/docs.json' with { type: 'json' };
import { AddressBook } from './addressBook.ts';
import { KeyNamer } from './keyNames.ts';

export const PROJECT_DOCS = projectDocs as unknown as Record<string, ContractDoc>;

/** Contracts the editor placed, by address, with their docs (named by the user). */
export type PlacedContracts = readonly { address: string; doc: ContractDoc }[];

/** A namer for one scenario; `senders` (from a run's result) name the senders of real blocks. */
export function namesFor(scenario: Scenario, opts: { senders?: readonly string[]; placed?: PlacedContracts } = {}): KeyNamer {
  return new KeyNamer(new AddressBook(scenario, { docs: PROJECT_DOCS, ...opts }));
}

export { AddressBook, KeyNamer };
export type { ContractDoc };
