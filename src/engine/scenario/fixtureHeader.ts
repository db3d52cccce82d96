/**
 * The header checks a node makes before it executes a block, for the fields a blockchain test can get wrong on
 * purpose without any transaction being at fault (`BlockException`): the fork's header fields present or absent, and
 * EIP-4844's blob gas — the header's `blobGasUsed` against the block's blobs, and its `excessBlobGas` against the
 * parent's. Blob gas parameters are Cancun's and Prague's (EIP-7691); later forks change the excess rule (EIP-7918)
 * and are not checked here.
 */
import type { PathKey } from './errors.ts';
import { forkAtLeast } from './hardforks.ts';

export interface HeaderFields {
  baseFeePerGas?: string;
  withdrawalsRoot?: string;
  blobGasUsed?: string;
  excessBlobGas?: string;
  parentBeaconBlockRoot?: string;
}

const GAS_PER_BLOB = 131072n;
const BLOB_GAS: Record<string, { target: bigint; max: bigint }> = {
  cancun: { target: 3n * GAS_PER_BLOB, max: 6n * GAS_PER_BLOB },
  prague: { target: 6n * GAS_PER_BLOB, max: 9n * GAS_PER_BLOB },
};

/** Header fields that exist from a hardfork on, and only then. */
const FIELD_SINCE: [keyof HeaderFields, string][] = [
  ['baseFeePerGas', 'london'],
  ['withdrawalsRoot', 'shanghai'],
  ['blobGasUsed', 'cancun'],
  ['excessBlobGas', 'cancun'],
  ['parentBeaconBlockRoot', 'cancun'],
];

/**
 * Problems of `header` (a block of `hardfork` with `blobs` blobs in its transactions) against `parent` (of
 * `parentFork`); paths are header field names.
 */
export function headerProblems(header: HeaderFields, hardfork: string, blobs: number, parent: HeaderFields, parentFork: string): { keys: PathKey[]; message: string }[] {
  const problems: { keys: PathKey[]; message: string }[] = [];
  for (const [field, since] of FIELD_SINCE) {
    const wanted = forkAtLeast(hardfork, since);
    if (wanted !== (header[field] !== undefined)) {
      problems.push({ keys: [field], message: wanted ? `is required from ${since} on; the block is ${hardfork}` : `only exists from ${since} on; the block is ${hardfork}` });
    }
  }
  const params = BLOB_GAS[hardfork];
  if (params === undefined || problems.length > 0) return problems;
  const used = BigInt(header.blobGasUsed!);
  if (used !== BigInt(blobs) * GAS_PER_BLOB) problems.push({ keys: ['blobGasUsed'], message: `must be ${GAS_PER_BLOB} a blob × ${blobs} blobs, got ${used}` });
  if (used > params.max) problems.push({ keys: ['blobGasUsed'], message: `exceeds the ${hardfork} limit of ${params.max}, got ${used}` });
  const excess = forkAtLeast(parentFork, 'cancun') ? BigInt(parent.excessBlobGas ?? '0x0') + BigInt(parent.blobGasUsed ?? '0x0') : 0n;
  const expected = excess > params.target ? excess - params.target : 0n;
  if (BigInt(header.excessBlobGas!) !== expected) {
    problems.push({ keys: ['excessBlobGas'], message: `must be ${expected} (the parent's excess plus its blob gas, less the target ${params.target}), got ${BigInt(header.excessBlobGas!)}` });
  }
  return problems;
}
