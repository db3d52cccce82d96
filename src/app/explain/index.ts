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

type NamerOptions = { senders?: readonly string[]; placed?: PlacedContracts };
/** The last namers made per scenario: the page asks for the same one from several places (the stage, the lessons,
 * compare mode) on every run, and a namer remembers every name and hash it made. */
const made = new WeakMap<Scenario, { senders?: readonly string[]; placed?: PlacedContracts; namer: KeyNamer }[]>();
const KEEP = 4;

/**
 * A namer for one scenario; `senders` (from a run's result) name the senders of real blocks. The same scenario with
 * the same `senders` and `placed` (by identity) gives the same namer. Cheap to make: contracts are named at once,
 * people on the first question about one.
 */
export function namesFor(scenario: Scenario, opts: NamerOptions = {}): KeyNamer {
  const list = made.get(scenario) ?? [];
  const hit = list.find((m) => m.senders === opts.senders && m.placed === opts.placed);
  if (hit) return hit.namer;
  const namer = new KeyNamer(new AddressBook(scenario, { docs: PROJECT_DOCS, ...opts }));
  made.set(scenario, [{ senders: opts.senders, placed: opts.placed, namer }, ...list].slice(0, KEEP));
  return namer;
}

export { AddressBook, KeyNamer };
export type { ContractDoc };
