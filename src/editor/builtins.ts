/**
 * The app's own workload contracts (src/workloads/contracts/*.sol), bundled as text so the editor can open them
 * read-only or as an editable copy, with a starting workload that calls their first state-changing function.
 */
import { contractInterface } from './abiModel.ts';
import { defaultArg } from './args.ts';
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
