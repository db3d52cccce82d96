/**
 * The shape of the checked-in workload artifacts (`contracts/artifacts.json`): one flat map from contract name to
 * ABI and code, compiled for `berlin` so the same code runs on every hardfork the generators pick (no PUSH0).
 * Their ABIs alone are also checked in (`contracts/abis.json`, `toAbis`): the page names the functions transactions
 * call from those, without shipping the bytecode.
 */
import type { Hex } from '../../engine/scenario/types.ts';
import { keccak256 } from '../abi.ts';
import type { ContractDoc } from './contractDocs.ts';
import { DEFAULT_HARDFORK, compileErrors, evmVersionFor, type CompileOutput } from './standardJson.ts';

/** Target EVM of the workload contracts. */
export const EVM_VERSION = evmVersionFor(DEFAULT_HARDFORK);

export interface ContractArtifact {
  abi: unknown[];
  /** Creation code (constructor + runtime), `0x` hex. */
  bytecode: Hex;
  /** Runtime code, what a pre-state account holds. */
  deployedBytecode: Hex;
}

export interface Artifacts {
  solcVersion: string;
  evmVersion: string;
  contracts: Record<string, ContractArtifact>;
}

/** Contract name → its doc (storage layout, what each function reads and writes where) with the hashes of its code:
 * what the page needs to name the state of these contracts (`contracts/docs.json`). */
export type Docs = Record<string, ContractDoc>;

/** The docs of a compile's deployable contracts (made with the default hardfork, like the artifacts). */
export function toDocs(out: CompileOutput): Docs {
  const docs: Docs = {};
  for (const file of Object.keys(out.contracts).sort()) {
    for (const [name, c] of Object.entries(out.contracts[file]!)) {
      if (c.bytecode === '0x' || !c.doc) continue;
      docs[name] = { ...c.doc, ...codeHashes(c.deployedBytecode, c.bytecode) };
    }
  }
  return docs;
}

/** How a deployed copy of the code is recognised: the hash and length of the runtime and of the creation code. */
export function codeHashes(runtime: Hex, creation: Hex): Pick<ContractDoc, 'codeHash' | 'codeLength' | 'creationHash' | 'creationLength'> {
  return { codeHash: keccak256(runtime), codeLength: (runtime.length - 2) / 2, creationHash: keccak256(creation), creationLength: (creation.length - 2) / 2 };
}

/** Contract name → ABI: what the page needs of the artifacts (`contracts/abis.json`). */
export type Abis = Record<string, unknown[]>;

export function toAbis(artifacts: Artifacts): Abis {
  return Object.fromEntries(Object.entries(artifacts.contracts).map(([name, c]) => [name, c.abi]));
}

/**
 * Flattens a compile output (made with the default hardfork) into artifacts. Throws on compile errors, and on
 * immutables: generators copy runtime code into pre-states, where an immutable would be left unset.
 */
export function toArtifacts(out: CompileOutput, solcVersion: string): Artifacts {
  const errors = compileErrors(out);
  if (errors.length > 0) throw new Error(`solc failed:\n${errors.map((e) => e.formatted).join('\n')}`);
  const contracts: Record<string, ContractArtifact> = {};
  for (const file of Object.keys(out.contracts).sort()) {
    for (const [name, c] of Object.entries(out.contracts[file]!)) {
      if (c.bytecode === '0x') continue; // interfaces, abstract contracts
      if (c.hasImmutables) throw new Error(`${name} has immutables: its runtime code cannot be placed in a pre-state`);
      if (name in contracts) throw new Error(`two contracts named ${name}: artifacts are keyed by name`);
      contracts[name] = { abi: c.abi, bytecode: c.bytecode, deployedBytecode: c.deployedBytecode };
    }
  }
  return { solcVersion, evmVersion: EVM_VERSION, contracts };
}
