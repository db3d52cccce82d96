/**
 * Block bundles → `Scenario`. A bundle is `{ block, prestate, blockHashes }`: the block as `eth_getBlockByNumber(n,
 * true)` returns it, the state it reads (geth `prestateTracer` shape) and the hashes BLOCKHASH needs.
 *
 * Senders: a bundle's `from` fields are the RPC node's word, not the block's. By default they are dropped and the
 * executor recovers each sender from its signature (the honest, and costly, path); `trustFrom` keeps them.
 */
import * as v from 'valibot';
import { ScenarioError, show, type PathKey } from './errors.ts';
import * as f from './fields.ts';
import { forkAtLeast, mainnetHardforkAt } from './hardforks.ts';
import { scenarioRuleIssues } from './rules.ts';
import { accessListItem, authorizationFields, defaultTxType, preState } from './schema.ts';
import { arrayOf, compact, isPlainObject, recordOf, rpcObject, run, strict, toScenarioIssues } from './shapes.ts';
import type { Authorization, BlockEnv, Hex, Scenario, ScenarioTx } from './types.ts';

export interface BundleOptions {
  /** Keep the bundle's `from` fields instead of leaving senders to signature recovery (`--trust-from`). */
  trustFrom?: boolean;
  /** File name or URL, prefixed to error messages. */
  sourceName?: string;
  /** Where the block data came from, for the description; defaults to the project's mainnet test blocks. */
  credit?: string;
}

export const PEVM_CREDIT = 'From the test data of risechain/pevm (MIT licence, © 2024 RISE Labs).';

/**
 * An EIP-7702 authorization as nodes and test fixtures write it: `yParity`, or `v` (the fixtures give both, and the
 * authority as `signer`, which is recovered instead of trusted).
 */
export const signedAuthorization = v.pipe(
  rpcObject({ ...authorizationFields, yParity: v.optional(f.quantity8), v: v.optional(f.quantity8) }),
  v.rawTransform(({ dataset, addIssue, NEVER }): Authorization => {
    const { v: parity, yParity, ...rest } = dataset.value;
    const y = yParity ?? parity;
    if (y === undefined) {
      addIssue({ message: 'needs "yParity" (or "v"): the parity of its signature' });
      return NEVER;
    }
    if (yParity !== undefined && parity !== undefined && yParity !== parity) {
      addIssue({ message: `says yParity ${yParity} and v ${parity}: they are the same number in an authorization` });
      return NEVER;
    }
    return { chainId: rest.chainId, address: rest.address, nonce: rest.nonce, yParity: y, r: rest.r, s: rest.s };
  }),
);

const bundleTx = rpcObject(
  {
    type: v.optional(f.txType),
    hash: v.optional(f.bytes32),
    from: v.optional(f.address),
    to: v.nullable(f.address),
    nonce: f.quantity64,
    value: f.quantity,
    input: f.bytes,
    gas: f.quantity64,
    gasPrice: v.optional(f.quantity),
    maxFeePerGas: v.optional(f.quantity),
    maxPriorityFeePerGas: v.optional(f.quantity),
    maxFeePerBlobGas: v.optional(f.quantity),
    blobVersionedHashes: v.optional(arrayOf(f.bytes32)),
    accessList: v.optional(arrayOf(accessListItem)),
    authorizationList: v.optional(arrayOf(signedAuthorization)),
    chainId: v.optional(f.quantity64),
    v: f.quantity,
    r: f.quantity,
    s: f.quantity,
  },
  (input) =>
    typeof input === 'string'
      ? `expected a transaction object, got a hash (fetch the block with eth_getBlockByNumber(n, true))`
      : `expected a transaction object, got ${show(input)}`,
);

const block = rpcObject({
  number: f.quantity64,
  timestamp: f.quantity64,
  miner: f.address,
  gasLimit: f.quantity64,
  gasUsed: f.quantity64,
  parentHash: v.optional(f.bytes32),
  stateRoot: f.bytes32,
  receiptsRoot: f.bytes32,
  transactionsRoot: v.optional(f.bytes32),
  logsBloom: f.bloom,
  baseFeePerGas: v.optional(f.quantity),
  difficulty: v.optional(f.quantity),
  mixHash: v.optional(f.bytes32),
  parentBeaconBlockRoot: v.optional(f.bytes32),
  excessBlobGas: v.optional(f.quantity64),
  withdrawals: v.optional(arrayOf(strict({ index: f.quantity64, validatorIndex: f.quantity64, address: f.address, amount: f.quantity64 }))),
  uncles: v.optional(arrayOf(f.bytes32), []),
  transactions: arrayOf(bundleTx),
});

const bundleSchema = strict({
  block,
  prestate: preState,
  blockHashes: v.optional(recordOf(f.blockNumberKey, f.parseBlockNumberKey, f.bytes32), {}),
});

/** A signed transaction as an RPC node or a test fixture writes it, in the bundle schema's field names. */
export type SignedTx = v.InferOutput<typeof bundleTx>;

const SCENARIO_KEYS = ['version', 'name', 'chain', 'preState', 'transactions'];

/** A bundle, not a scenario file: it has bundle-only fields and none of a scenario's top-level ones. */
export function isBundle(json: unknown): boolean {
  if (!isPlainObject(json) || SCENARIO_KEYS.some((key) => key in json)) return false;
  const b = json['block'];
  return 'prestate' in json || (isPlainObject(b) && ('transactions' in b || 'miner' in b));
}

export function bundleToScenario(json: unknown, opts: BundleOptions = {}): Scenario {
  const fail = (issues: { keys: PathKey[]; message: string }[]) => new ScenarioError(toScenarioIssues(issues), opts.sourceName);
  if (!isPlainObject(json)) throw fail([{ keys: [], message: `expected a block bundle (a JSON object), got ${show(json)}` }]);
  const parsed = run(bundleSchema, json);
  if (!parsed.ok) throw fail(parsed.issues);
  const { block: b, prestate, blockHashes } = parsed.value;

  const issues: { keys: PathKey[]; message: string }[] = [];
  if (opts.trustFrom) {
    b.transactions.forEach((tx, i) => {
      if (tx.from === undefined) issues.push({ keys: ['block', 'transactions', i, 'from'], message: 'is required with --trust-from' });
    });
  }
  if (BigInt(b.gasUsed) > BigInt(b.gasLimit)) issues.push({ keys: ['block', 'gasUsed'], message: `exceeds block.gasLimit (${BigInt(b.gasLimit)}), got ${BigInt(b.gasUsed)}: not a valid block` });
  // BLOCKHASH(number - 1) is the parent hash: the header already says it.
  const parentKey = (BigInt(b.number) - 1n).toString();
  if (b.parentHash !== undefined && b.number !== '0x0') {
    if (blockHashes[parentKey] === undefined) blockHashes[parentKey] = b.parentHash;
    else if (blockHashes[parentKey] !== b.parentHash) issues.push({ keys: ['blockHashes', parentKey], message: 'does not match block.parentHash' });
  }

  const hardfork = mainnetHardforkAt(b.number, b.timestamp);
  const postMerge = forkAtLeast(hardfork, 'paris');
  const env: BlockEnv = compact({
    number: b.number,
    timestamp: b.timestamp,
    coinbase: b.miner,
    gasLimit: b.gasLimit,
    baseFeePerGas: b.baseFeePerGas,
    difficulty: b.difficulty,
    prevRandao: postMerge ? b.mixHash : undefined,
    parentBeaconBlockRoot: b.parentBeaconBlockRoot,
    excessBlobGas: b.excessBlobGas,
    withdrawals: b.withdrawals,
    // Only uncle hashes are in a bundle, not their miners: with uncles, leave them out and say so.
    uncles: b.uncles.length === 0 ? [] : undefined,
    blockHashes,
  });
  const scenario: Scenario = {
    version: 1,
    name: `Mainnet block ${groupDigits(b.number)}`,
    description: describe(hardfork, b.transactions.length, b.uncles, opts),
    chain: { chainId: 1, hardfork },
    block: env,
    preState: prestate,
    transactions: b.transactions.map((tx) => signedScenarioTx(tx, opts.trustFrom === true)),
    expected: compact({ gasUsed: b.gasUsed, receiptsRoot: b.receiptsRoot, logsBloom: b.logsBloom, stateRoot: b.stateRoot, transactionsRoot: b.transactionsRoot }),
    // A prestate trace holds only what the block touches: the header's state root cannot be reproduced from it.
    preStateComplete: false,
  };
  for (const { keys, message } of scenarioRuleIssues(scenario)) issues.push({ keys: toBundlePath(keys), message });
  if (issues.length > 0) throw fail(issues);
  return scenario;
}

/** A signed transaction → a scenario transaction with its signature; `from` only when `keepFrom`. */
export function signedScenarioTx(tx: SignedTx, keepFrom: boolean): ScenarioTx {
  const type = tx.type ?? defaultTxType(tx);
  // A legacy signature with v = 27/28 predates EIP-155 and was not signed for any chain.
  const unprotected = type === 0 && (tx.v === '0x1b' || tx.v === '0x1c');
  return compact({
    type,
    from: keepFrom ? tx.from : undefined,
    to: tx.to,
    nonce: tx.nonce,
    value: tx.value,
    input: tx.input,
    gas: tx.gas,
    gasPrice: type >= 2 ? undefined : tx.gasPrice, // from type 2 on, RPC's gasPrice is the effective price paid: derived
    maxFeePerGas: tx.maxFeePerGas,
    maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
    maxFeePerBlobGas: tx.maxFeePerBlobGas,
    blobVersionedHashes: tx.blobVersionedHashes,
    accessList: tx.accessList,
    authorizationList: tx.authorizationList,
    chainId: unprotected ? undefined : tx.chainId,
    signature: { v: tx.v, r: tx.r, s: tx.s },
    hash: tx.hash,
  });
}

/** Scenario field names back to the bundle's, so rule messages point into the file the user has. */
const BLOCK_FIELD_IN_BUNDLE: Record<string, string> = { coinbase: 'miner', prevRandao: 'mixHash' };

function toBundlePath(keys: PathKey[]): PathKey[] {
  const [head, ...rest] = keys;
  if (head === 'transactions') return ['block', 'transactions', ...rest];
  if (head === 'preState') return ['prestate', ...rest];
  if (head === 'chain') return ['block', 'number']; // the block's number and timestamp chose the fork
  if (head === 'block' && typeof rest[0] === 'string') return ['block', BLOCK_FIELD_IN_BUNDLE[rest[0]] ?? rest[0], ...rest.slice(1)];
  return keys;
}

function describe(hardfork: string, txCount: number, uncles: Hex[], opts: BundleOptions): string {
  const parts = [
    `A real Ethereum mainnet block (${forkTitle(hardfork)}, ${groupDigits(txCount)} transaction${txCount === 1 ? '' : 's'}).`,
    opts.trustFrom ? 'Senders are taken from the bundle (--trust-from).' : 'Senders are recovered from the signatures.',
  ];
  if (uncles.length > 0) {
    parts.push(`Its ${uncles.length === 1 ? 'uncle' : `${uncles.length} uncles`} (${uncles.join(', ')}) ${uncles.length === 1 ? 'is' : 'are'} left ` +
      'out: the bundle does not name uncle miners, so uncle rewards are not paid.');
  }
  parts.push(opts.credit ?? PEVM_CREDIT);
  return parts.join(' ');
}

/** `muirGlacier` → `Muir Glacier`. */
function forkTitle(hardfork: string): string {
  return hardfork.replace(/([a-z])([A-Z0-9])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

/** 12345678 → `12,345,678` (the same in every locale, unlike toLocaleString). */
function groupDigits(n: Hex | number): string {
  return BigInt(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

