/**
 * The app's own workload contracts (src/workloads/contracts/*.sol), bundled as text so the editor can open them
 * read-only or as an editable copy, with a starting workload that calls their first state-changing function.
 */
import type { CompileOutput } from '../workloads/compiler/standardJson.ts';
import { contractInterface } from './abiModel.ts';
import { defaultArg } from './args.ts';
import { type Project, deployableContracts, findContract } from './project.ts';
import type { WorkloadSpec } from './spec.ts';

const SOURCES = import.meta.glob('../workloads/contracts/*.sol', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BuiltinContract {
  /** File name, e.g. `Counter.sol`. */
  name: string;
  text: string;
}

export const BUILTINS: BuiltinContract[] = Object.entries(SOURCES)
  .map(([path, text]) => ({ name: path.slice(path.lastIndexOf('/') + 1), text }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** A first workload for any compiled contract: its first callable, state-changing function, arguments defaulted. */
export function defaultWorkload(contractId: string, abi: unknown): WorkloadSpec {
  const iface = contractInterface(abi);
  const fn = iface.functions.find((f) => !f.readOnly && !f.unsupported) ?? iface.functions.find((f) => !f.unsupported);
  return {
    contract: contractId,
    constructorArgs: iface.constructor.inputs.map((p) => defaultArg(p.type, p.name)),
    senders: 16,
    balance: '10 ether',
    seed: 1,
    setup: [],
    calls: fn
      ? [{ fn: fn.signature, count: 32, args: fn.inputs.map((p) => defaultArg(p.type, p.name)), value: { kind: 'constant', value: '0' }, gas: 200_000 }]
      : [],
  };
}

/**
 * The workload to keep after a new successful build: unchanged when its contract is still there; moved to the
 * contract's new id when a file was renamed or the build has a single contract, keeping the form if every function
 * it calls still exists; else a fresh default for the first contract. `null` (no workload yet) gets the default.
 */
export function followContract(out: CompileOutput, spec: WorkloadSpec | null): WorkloadSpec | null {
  const ids = deployableContracts(out);
  if (ids.length === 0 || (spec && ids.includes(spec.contract))) return spec;
  const name = (id: string) => id.slice(id.lastIndexOf(':') + 1);
  const target = (spec && ids.find((id) => name(id) === name(spec.contract))) ?? (ids.length === 1 || !spec ? ids[0]! : undefined);
  if (target === undefined) return spec; // several contracts, none the same: let the user choose
  const abi = findContract(out, target)!.abi;
  if (spec) {
    const iface = contractInterface(abi);
    const has = (sig: string) => iface.functions.some((f) => f.signature === sig);
    const same = iface.constructor.inputs.length === spec.constructorArgs.length && [...spec.setup, ...spec.calls].every((c) => has(c.fn));
    if (same) return { ...spec, contract: target };
  }
  return defaultWorkload(target, abi);
}

/** A built-in contract as a read-only project: the file and every built-in file it imports (`./Token.sol`). */
export function builtinProject(name: string): Project | undefined {
  const files: BuiltinContract[] = [];
  const visit = (n: string): boolean => {
    if (files.some((f) => f.name === n)) return true;
    const b = BUILTINS.find((x) => x.name === n);
    if (!b) return false;
    files.push({ ...b });
    for (const m of b.text.matchAll(/^\s*import\s+[^"']*["']\.\/([^"']+)["']/gm)) visit(m[1]!);
    return true;
  };
  return visit(name) ? { files, active: name, readOnly: true } : undefined;
}
