/**
 * Rules that span fields, checked on an already normalised `Scenario`: fee fields that fit the transaction type,
 * a sender source for every transaction, and block and transaction features that exist in the chosen hardfork.
 * The EVM would reject most of these too, but later, with less helpful words.
 */
import type { PathKey } from './errors.ts';
import { DAO_FORK_BLOCK, forkAtLeast } from './hardforks.ts';
import type { BlockEnv, Scenario, ScenarioTx } from './types.ts';

export interface RuleIssue {
  keys: PathKey[];
  message: string;
}

/** The cheapest possible transaction; a gas limit below it can never execute. */
export const MIN_TX_GAS = 21000n;

const TX_TYPE_SINCE = { 1: 'berlin', 2: 'london', 3: 'cancun', 4: 'prague' } as const;

/** EIP-4844: blobs a block may hold, by the fork that set the limit (EIP-7691 raised it in Prague; the blob-parameter-
 * only forks of EIP-7892 after Osaka, as `@ethereumjs/common` lists them). A later fork keeps the last limit. */
const MAX_BLOBS_SINCE: [string, number][] = [['bpo2', 21], ['bpo1', 15], ['prague', 9], ['cancun', 6]];
/** The version byte of a KZG commitment's versioned hash. */
const BLOB_HASH_VERSION = '0x01';

/** The most blobs a block of `hardfork` may hold (0 before Cancun). */
export function maxBlobsPerBlock(hardfork: string): number {
  return MAX_BLOBS_SINCE.find(([since]) => forkAtLeast(hardfork, since))?.[1] ?? 0;
}

/** Block fields that only exist from a hardfork on (ethereumjs refuses them earlier). */
const BLOCK_FIELD_SINCE: [keyof BlockEnv, string][] = [
  ['baseFeePerGas', 'london'],
  ['prevRandao', 'paris'],
  ['withdrawals', 'shanghai'],
  ['parentBeaconBlockRoot', 'cancun'],
  ['excessBlobGas', 'cancun'],
];

export function scenarioRuleIssues(s: Scenario): RuleIssue[] {
  const issues = blockIssues(s);
  s.transactions.forEach((tx, i) => {
    for (const { keys, message } of txIssues(tx, s)) issues.push({ keys: ['transactions', i, ...keys], message });
  });
  issues.push(...duplicateIssues(s.transactions));
  const blobs = s.transactions.reduce((n, tx) => n + (tx.blobVersionedHashes?.length ?? 0), 0);
  const max = maxBlobsPerBlock(s.chain.hardfork);
  if (blobs > max && forkAtLeast(s.chain.hardfork, 'cancun')) {
    issues.push({ keys: ['transactions'], message: `carry ${blobs} blobs; a ${s.chain.hardfork} block holds at most ${max}` });
  }
  return issues;
}

/**
 * A transaction appears once in a block: two with the same hash, or the same signature (the same signed transaction,
 * whatever its other fields say), are one transaction given twice — a bundle that was tampered with or built wrong.
 */
function duplicateIssues(txs: readonly ScenarioTx[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const byHash = new Map<string, number>();
  const bySignature = new Map<string, number>();
  txs.forEach((tx, i) => {
    if (tx.hash !== undefined) {
      const first = byHash.get(tx.hash);
      if (first === undefined) byHash.set(tx.hash, i);
      else issues.push({ keys: ['transactions', i, 'hash'], message: `is also the hash of transaction ${first}: a transaction can be in a block once` });
    }
    if (tx.signature !== undefined) {
      const key = `${tx.signature.r}:${tx.signature.s}`;
      const first = bySignature.get(key);
      if (first === undefined) bySignature.set(key, i);
      else if (tx.hash === undefined || txs[first]!.hash !== tx.hash) {
        issues.push({ keys: ['transactions', i, 'signature'], message: `is also the signature of transaction ${first}: a transaction can be in a block once` });
      }
    }
  });
  return issues;
}

function blockIssues(s: Scenario): RuleIssue[] {
  const { hardfork } = s.chain;
  const issues: RuleIssue[] = [];
  if (s.chain.chainId === 1 && hardfork === 'dao' && BigInt(s.block.number) === DAO_FORK_BLOCK) {
    issues.push({ keys: ['block', 'number'], message: `is the DAO fork block, whose irregular state change (not a transaction) Parallax does not make` });
  }
  for (const [key, since] of BLOCK_FIELD_SINCE) {
    if (s.block[key] !== undefined && !forkAtLeast(hardfork, since)) {
      issues.push({ keys: ['block', key], message: `only exists from ${since} on; chain.hardfork is ${hardfork}` });
    }
  }
  if (s.block.baseFeePerGas === undefined && forkAtLeast(hardfork, 'london')) {
    issues.push({ keys: ['block', 'baseFeePerGas'], message: `is required from london on; chain.hardfork is ${hardfork}` });
  }
  if (s.block.uncles?.length && forkAtLeast(hardfork, 'paris')) {
    issues.push({ keys: ['block', 'uncles'], message: `must be empty from paris on (proof-of-stake blocks have no uncles)` });
  }
  return issues;
}

/** EIP-4844: a type-3 transaction calls a contract, names at least one blob by a version-1 hash, and caps its blob fee. */
function blobIssues(tx: ScenarioTx, hardfork: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (tx.type !== 3) {
    for (const key of ['maxFeePerBlobGas', 'blobVersionedHashes'] as const) {
      if (tx[key] !== undefined) issues.push({ keys: [key], message: `is only used by type-3 (blob) transactions; this one is type ${tx.type}` });
    }
    return issues;
  }
  if (tx.to === null) issues.push({ keys: ['to'], message: 'a blob transaction cannot create a contract: it needs a recipient' });
  if (tx.maxFeePerBlobGas === undefined) issues.push({ keys: ['maxFeePerBlobGas'], message: 'is required for a type-3 transaction' });
  const hashes = tx.blobVersionedHashes;
  if (hashes === undefined || hashes.length === 0) issues.push({ keys: ['blobVersionedHashes'], message: 'a type-3 transaction carries at least one blob' });
  else if (forkAtLeast(hardfork, 'cancun') && hashes.length > maxBlobsPerBlock(hardfork)) {
    issues.push({ keys: ['blobVersionedHashes'], message: `at most ${maxBlobsPerBlock(hardfork)} blobs fit in a ${hardfork} block, got ${hashes.length}` });
  }
  hashes?.forEach((h, i) => {
    if (!h.startsWith(BLOB_HASH_VERSION)) issues.push({ keys: ['blobVersionedHashes', i], message: `expected a version ${BLOB_HASH_VERSION} hash (a KZG commitment's), got version 0x${h.slice(2, 4)}` });
  });
  return issues;
}

/** EIP-7702: a type-4 transaction calls an account (it cannot create one) and carries at least one authorization. */
function setCodeIssues(tx: ScenarioTx): RuleIssue[] {
  if (tx.type !== 4) {
    return tx.authorizationList === undefined ? [] : [{ keys: ['authorizationList'], message: `is only used by type-4 (set code) transactions; this one is type ${tx.type}` }];
  }
  const issues: RuleIssue[] = [];
  if (tx.to === null) issues.push({ keys: ['to'], message: 'a set-code transaction cannot create a contract: it needs a recipient' });
  if (tx.authorizationList === undefined || tx.authorizationList.length === 0) {
    issues.push({ keys: ['authorizationList'], message: 'a type-4 transaction carries at least one authorization' });
  }
  return issues;
}

function txIssues(tx: ScenarioTx, s: Scenario): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (keys: PathKey[], message: string) => issues.push({ keys, message });
  if (tx.from === undefined && tx.signature === undefined) {
    add([], 'needs "from" (the sender) or "signature" (to recover the sender from)');
  }
  if (tx.type !== 0 && !forkAtLeast(s.chain.hardfork, TX_TYPE_SINCE[tx.type])) {
    add(['type'], `type-${tx.type} transactions need ${TX_TYPE_SINCE[tx.type]} or later; chain.hardfork is ${s.chain.hardfork}`);
  }
  const gas = BigInt(tx.gas);
  if (gas < MIN_TX_GAS) add(['gas'], `must be at least ${MIN_TX_GAS} (the cost of the simplest transaction), got ${gas}`);
  else if (gas > BigInt(s.block.gasLimit)) add(['gas'], `exceeds block.gasLimit (${BigInt(s.block.gasLimit)}), got ${gas}`);
  if (tx.type >= 2) {
    if (tx.gasPrice !== undefined) add(['gasPrice'], `is not used by type-${tx.type} transactions (set maxFeePerGas and maxPriorityFeePerGas)`);
    if (tx.maxFeePerGas === undefined) add(['maxFeePerGas'], `is required for a type-${tx.type} transaction`);
    if (tx.maxPriorityFeePerGas === undefined) add(['maxPriorityFeePerGas'], `is required for a type-${tx.type} transaction`);
    if (tx.maxFeePerGas !== undefined && tx.maxPriorityFeePerGas !== undefined) {
      const max = BigInt(tx.maxFeePerGas);
      const priority = BigInt(tx.maxPriorityFeePerGas);
      if (priority > max) add(['maxPriorityFeePerGas'], `must not exceed maxFeePerGas (${max}), got ${priority}`);
    }
  } else {
    if (tx.gasPrice === undefined) add(['gasPrice'], `is required for a type-${tx.type} transaction`);
    for (const key of ['maxFeePerGas', 'maxPriorityFeePerGas'] as const) {
      if (tx[key] !== undefined) add([key], `is only used by type-2, type-3 and type-4 transactions; this one is type ${tx.type}`);
    }
    if (tx.type === 0 && tx.accessList !== undefined) add(['accessList'], 'is only used by type-1 to type-4 transactions; this one is type 0');
  }
  issues.push(...blobIssues(tx, s.chain.hardfork), ...setCodeIssues(tx));
  if (tx.chainId !== undefined && BigInt(tx.chainId) !== BigInt(s.chain.chainId)) {
    add(['chainId'], `does not match chain.chainId (${s.chain.chainId}), got ${BigInt(tx.chainId)}`);
  }
  return issues;
}
