/**
 * Compiles the workload contracts with the `solc` npm package (standard JSON). Pure: sources in, artifacts out, so
 * the build script, the freshness test and (later) a browser worker share it.
 */
import solc from 'solc';
import type { Hex } from '../engine/scenario/types.ts';

/** Target EVM. `berlin` (not `shanghai`): no PUSH0, so the same code runs on every hardfork `random.ts` picks. */
export const EVM_VERSION = 'berlin';
export const OPTIMIZER_RUNS = 200;

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

interface SolcError {
  severity: 'error' | 'warning' | 'info';
  formattedMessage: string;
}

interface SolcContract {
  abi: unknown[];
  evm: { bytecode: { object: string }; deployedBytecode: { object: string; immutableReferences?: Record<string, unknown> } };
}

/** `sources`: file name (e.g. `Token.sol`) → Solidity text. Imports resolve between these names only. */
export function compileSources(sources: Record<string, string>): Artifacts {
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([name, content]) => [name, { content }])),
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: OPTIMIZER_RUNS },
      // No metadata hash: bytecode then does not change with comments or line endings (CRLF checkouts).
      metadata: { bytecodeHash: 'none' },
      outputSelection: {
        '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.deployedBytecode.immutableReferences'] },
      },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: SolcError[];
    contracts?: Record<string, Record<string, SolcContract>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);

  const contracts: Record<string, ContractArtifact> = {};
  for (const file of Object.keys(output.contracts ?? {}).sort()) {
    for (const [name, c] of Object.entries(output.contracts![file]!)) {
      if (c.evm.bytecode.object === '') continue; // interfaces, abstract contracts
      // Generators copy runtime code into pre-states; an immutable would be left unset there.
      if (Object.keys(c.evm.deployedBytecode.immutableReferences ?? {}).length > 0) {
        throw new Error(`${name} has immutables: its runtime code cannot be placed in a pre-state`);
      }
      contracts[name] = {
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      };
    }
  }
  return { solcVersion: solc.version() as string, evmVersion: EVM_VERSION, contracts };
}
