/**
 * The callable surface of a compiled contract, read from its ABI: functions (and the constructor) with their typed
 * inputs, and whether the workload builder can generate each input. Only what a transaction needs: outputs,
 * events and errors are left out.
 */

export interface AbiParam {
  /** The parameter's name in the source, or `arg<i>` when it has none. */
  name: string;
  /** Canonical Solidity type, e.g. `uint256`, `address`, `bytes32`, `string`. */
  type: string;
}

export interface AbiFunction {
  name: string;
  /** `transfer(address,uint256)`; `constructor(…)` for the constructor. */
  signature: string;
  inputs: AbiParam[];
  payable: boolean;
  /** `view` and `pure` functions change nothing: a block of them never conflicts. */
  readOnly: boolean;
  /** Why the builder cannot call it (an input type it cannot generate), or undefined. */
  unsupported?: string;
}

export interface ContractInterface {
  constructor: AbiFunction;
  functions: AbiFunction[];
}

/** Elementary types the builder encodes: static words, plus `string` and `bytes` (constants only). */
export function supportsType(type: string): boolean {
  return isStaticType(type) || type === 'string' || type === 'bytes';
}

export function isStaticType(type: string): boolean {
  if (type === 'address' || type === 'bool') return true;
  const int = /^u?int(\d*)$/.exec(type);
  if (int) return int[1] === '' || (Number(int[1]) % 8 === 0 && Number(int[1]) >= 8 && Number(int[1]) <= 256);
  const bytes = /^bytes(\d+)$/.exec(type);
  return bytes !== null && Number(bytes[1]) >= 1 && Number(bytes[1]) <= 32;
}

interface RawParam {
  name?: unknown;
  type?: unknown;
}

interface RawEntry {
  type?: unknown;
  name?: unknown;
  inputs?: RawParam[];
  stateMutability?: unknown;
}

function params(raw: RawParam[] | undefined): AbiParam[] {
  return (raw ?? []).map((p, i) => ({
    name: typeof p.name === 'string' && p.name !== '' ? p.name : `arg${i}`,
    // solc already writes canonical names (`uint256`, never `uint`).
    type: typeof p.type === 'string' ? p.type : 'unknown',
  }));
}

function toFunction(name: string, e: RawEntry | undefined): AbiFunction {
  const inputs = params(e?.inputs);
  const mutability = e?.stateMutability;
  const bad = inputs.find((p) => !supportsType(p.type));
  const f: AbiFunction = {
    name,
    signature: `${name}(${inputs.map((p) => p.type).join(',')})`,
    inputs,
    payable: mutability === 'payable',
    readOnly: mutability === 'view' || mutability === 'pure',
  };
  if (bad) f.unsupported = `input ${bad.name} has type ${bad.type}, which the builder cannot generate (it takes integers, address, bool, bytes1…bytes32, string and bytes)`;
  return f;
}

/** Reads a solc ABI (an array of entries); anything that is not an array yields a contract with nothing to call. */
export function contractInterface(abi: unknown): ContractInterface {
  const entries = (Array.isArray(abi) ? abi : []) as RawEntry[];
  const ctor = entries.find((e) => e.type === 'constructor');
  const functions = entries
    .filter((e) => e.type === 'function' && typeof e.name === 'string')
    .map((e) => toFunction(e.name as string, e))
    .sort((a, b) => Number(a.readOnly) - Number(b.readOnly) || a.signature.localeCompare(b.signature));
  return { constructor: toFunction('constructor', ctor), functions };
}

/** The function with this signature, or a message that says what there is. */
export function findFunction(iface: ContractInterface, signature: string): AbiFunction | string {
  const f = iface.functions.find((x) => x.signature === signature);
  if (f) return f;
  const names = iface.functions.map((x) => x.signature);
  return `no function ${signature} in the contract${names.length ? ` (it has ${names.join(', ')})` : ' (it has no functions)'}`;
}
