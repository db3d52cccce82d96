/**
 * Blockchain tests → `Scenario`s. A blockchain-test file (ethereum/tests `BlockchainTests`, execution-spec-tests
 * "blockchain_test" fixtures) maps test names to tests; a test is a complete pre-state (`pre`), a genesis header and
 * one or more blocks, each with its header and signed transactions. Each block becomes one scenario whose `expected`
 * is its header — state root included, since the pre-state is complete. Blocks run in order, each on the post-state
 * of the valid block before it: from the second block on, a scenario's `preState` is empty until the runner fills
 * it in (`withPreState`).
 *
 * A block with `expectException` is invalid on purpose. It is kept in its decoded form (`rlp_decoded`) when the
 * fixture has one; a block the loader already refuses (a field no valid transaction can have) is `refused`, with the
 * loader's words. What Parallax cannot run yet — a network before Byzantium, a transaction type above 4, a block
 * given only as RLP — makes the test `unsupported`, with the reason.
 */
import * as v from 'valibot';
import { ScenarioError, formatPath, show, type PathKey } from './errors.ts';
import * as f from './fields.ts';
import { type HeaderFields, headerProblems } from './fixtureHeader.ts';
import { type NetworkSchedule, networkSchedule } from './fixtureNetworks.ts';
import { forkAtLeast } from './hardforks.ts';
import { scenarioRuleIssues } from './rules.ts';
import { signedAuthorization, signedScenarioTx } from './bundle.ts';
import { accessListItem, preState } from './schema.ts';
import { arrayOf, compact, isPlainObject, rpcObject, run, toScenarioIssues } from './shapes.ts';
import type { BlockEnv, Hex, PreState, Scenario, ScenarioTx } from './types.ts';

export const ETHEREUM_TESTS_CREDIT = 'From ethereum/tests (MIT licence, © 2014 Ethereum Foundation).';

export interface FixtureOptions {
  /** File name or URL, prefixed to error messages. */
  sourceName?: string;
  /** Where the test came from, for the description; defaults to ethereum/tests. */
  credit?: string;
  /**
   * Reads a block given only as RLP into the fixtures' decoded form (`blockHeader`, `transactions`, `uncleHeaders`,
   * `withdrawals`), or throws why it cannot: `evm/blockRlp.ts` `decodeBlockRlp` (this layer has no RLP and no
   * transaction codec). Without it such a block makes its test unsupported.
   */
  decodeRlp?: (rlp: string, schedule: NetworkSchedule) => Record<string, unknown>;
}

export interface FixtureBlock {
  /** The block's index in the test's `blocks`. */
  index: number;
  /** The block as a scenario (undefined when `refused`). From the second block on, its `preState` is empty. */
  scenario?: Scenario;
  /** The fixture's `expectException`: the block is invalid on purpose. */
  expectException?: string;
  /** The transactions the fixture marks invalid (`transactionSequence`), when it says. */
  invalidTxs?: number[];
  /** An invalid block the loader already refuses: its problems, one per line. */
  refused?: string;
}

export interface FixtureTest {
  name: string;
  network: string;
  /** The state before the first block (also the first block's `preState`). */
  pre: PreState;
  blocks: FixtureBlock[];
  /** Why the test cannot run here (then `blocks` is empty). */
  unsupported?: string;
}

const toField = f.field((x) => (x === '' || x === null ? null : f.parseAddress(x)));

const fixtureTx = rpcObject({
  type: v.optional(f.txType),
  chainId: v.optional(f.quantity64),
  nonce: f.quantity64,
  gasPrice: v.optional(f.quantity),
  maxFeePerGas: v.optional(f.quantity),
  maxPriorityFeePerGas: v.optional(f.quantity),
  maxFeePerBlobGas: v.optional(f.quantity),
  blobVersionedHashes: v.optional(arrayOf(f.bytes32)),
  gasLimit: f.quantity64,
  to: toField,
  value: f.quantity,
  data: f.bytes,
  accessList: v.optional(arrayOf(accessListItem)),
  authorizationList: v.optional(arrayOf(signedAuthorization)),
  v: f.quantity,
  r: f.quantity,
  s: f.quantity,
  sender: v.optional(f.address),
  hash: v.optional(f.bytes32),
});

const header = rpcObject({
  number: f.quantity64,
  timestamp: f.quantity64,
  coinbase: f.address,
  gasLimit: f.quantity64,
  gasUsed: f.quantity64,
  hash: f.bytes32,
  parentHash: f.bytes32,
  stateRoot: f.bytes32,
  receiptTrie: f.bytes32,
  transactionsTrie: f.bytes32,
  bloom: f.bloom,
  difficulty: f.quantity,
  mixHash: f.bytes32,
  baseFeePerGas: v.optional(f.quantity),
  parentBeaconBlockRoot: v.optional(f.bytes32),
  excessBlobGas: v.optional(f.quantity64),
  blobGasUsed: v.optional(f.quantity64),
  withdrawalsRoot: v.optional(f.bytes32),
});

const block = rpcObject({
  blockHeader: header,
  transactions: arrayOf(fixtureTx),
  uncleHeaders: v.optional(arrayOf(rpcObject({ number: f.quantity64, coinbase: f.address })), []),
  withdrawals: v.optional(arrayOf(rpcObject({ index: f.quantity64, validatorIndex: f.quantity64, address: f.address, amount: f.quantity64 }))),
});

const test = rpcObject({
  network: v.string((issue) => `expected a network name such as "Cancun", got ${show(issue.input)}`),
  pre: preState,
  genesisBlockHeader: rpcObject({
    number: f.quantity64,
    timestamp: f.quantity64,
    hash: f.bytes32,
    baseFeePerGas: v.optional(f.quantity),
    excessBlobGas: v.optional(f.quantity64),
    blobGasUsed: v.optional(f.quantity64),
  }),
  blocks: arrayOf(v.unknown()),
});

type Header = v.InferOutput<typeof header>;
type FixtureTx = v.InferOutput<typeof fixtureTx>;
type Issue = { keys: PathKey[]; message: string };

/** A blockchain-test file: an object of tests, each with `pre`, `blocks` and `network`. */
export function isFixtureFile(json: unknown): boolean {
  if (!isPlainObject(json)) return false;
  const first = Object.values(json)[0];
  return isPlainObject(first) && 'blocks' in first && 'pre' in first && 'network' in first;
}

/** Whether some block of a blockchain-test file is given only as RLP (its reader needs `FixtureOptions.decodeRlp`). */
export function hasRlpOnlyBlocks(json: unknown): boolean {
  if (!isFixtureFile(json)) return false;
  return Object.values(json as Record<string, unknown>).some((t) => isPlainObject(t) && Array.isArray(t['blocks']) && t['blocks'].some(givenOnlyAsRlp));
}

/** A block with neither `blockHeader` nor `rlp_decoded`, only its `rlp`. */
function givenOnlyAsRlp(b: unknown): b is Record<string, unknown> & { rlp: string } {
  return isPlainObject(b) && b['blockHeader'] === undefined && b['rlp_decoded'] === undefined && typeof b['rlp'] === 'string';
}

/** The tests of a blockchain-test file, by name, in file order. */
export function fixtureTestNames(json: unknown): string[] {
  return isFixtureFile(json) ? Object.keys(json as object) : [];
}

/** One test of a blockchain-test file. Throws `ScenarioError` when the test is malformed where it claims to be valid. */
export function loadFixtureTest(json: unknown, name: string, opts: FixtureOptions = {}): FixtureTest {
  const fail = (issues: Issue[]) => new ScenarioError(toScenarioIssues(issues), opts.sourceName);
  if (!isFixtureFile(json)) throw fail([{ keys: [], message: `expected a blockchain-test file (test name → { network, pre, blocks, … }), got ${show(json)}` }]);
  const raw = (json as Record<string, unknown>)[name];
  if (raw === undefined) throw fail([{ keys: [name], message: `no such test: the file has ${testList(fixtureTestNames(json))}` }]);
  const parsed = run(test, raw);
  if (!parsed.ok) throw fail(parsed.issues.map(({ keys, message }) => ({ keys: [name, ...keys], message })));
  const t = parsed.value;
  const schedule = networkSchedule(t.network);
  if (typeof schedule !== 'function') return { name, network: t.network, pre: t.pre, blocks: [], unsupported: schedule.unsupported };
  // Each block's decoded form: as the fixture gives it, or read from its RLP (`decodeRlp`), or why that failed.
  const decoded = t.blocks.map((b) => blockData(b, schedule, opts.decodeRlp));
  const unsupported = decoded.map((d) => ('unsupported' in d ? d.unsupported : 'data' in d ? unsupportedBlock(d.data) : undefined)).find((why) => why !== undefined);
  if (unsupported !== undefined) return { name, network: t.network, pre: t.pre, blocks: [], unsupported };

  const genesis = t.genesisBlockHeader;
  const hashes: Record<string, Hex> = { [BigInt(genesis.number).toString()]: genesis.hash };
  // The last valid block's header, for the next block's header checks.
  let parent: { header: HeaderFields; hardfork: string } = { header: genesis, hardfork: schedule(at(genesis)) };
  const blocks: FixtureBlock[] = [];
  t.blocks.forEach((rawBlock, index) => {
    const b = rawBlock as Record<string, unknown>;
    const expectException = typeof b['expectException'] === 'string' ? b['expectException'] : undefined;
    const d = decoded[index]!;
    const where: PathKey[] = [name, 'blocks', index, ...('from' in d && d.from !== undefined ? [d.from] : [])];
    const out: FixtureBlock = compact({ index, expectException, invalidTxs: invalidTxs(b) });
    const problems = (issues: Issue[]) => issues.map(({ keys, message }) => ({ keys: [...where, ...keys], message }));
    if ('undecodable' in d) {
      const issue = [{ keys: [], message: `does not decode as a block: ${d.undecodable}` }];
      if (expectException === undefined) throw fail(problems(issue));
      blocks.push({ ...out, refused: listed(problems(issue)) });
      return;
    }
    const parsedBlock = run(block, 'data' in d ? d.data : undefined);
    if (!parsedBlock.ok) {
      if (expectException === undefined) throw fail(problems(parsedBlock.issues));
      blocks.push({ ...out, refused: listed(problems(parsedBlock.issues)) });
      return;
    }
    const { blockHeader: h, transactions, uncleHeaders, withdrawals } = parsedBlock.value;
    const hardfork = schedule(at(h));
    const scenario: Scenario = {
      version: 1,
      name: t.blocks.length === 1 ? name : `${name} (block ${index + 1} of ${t.blocks.length})`,
      description: describe(t.network, transactions.length, opts),
      chain: { chainId: 1, hardfork },
      block: blockEnv(h, hardfork, uncleHeaders, withdrawals, ancestors(hashes, h)),
      preState: index === 0 ? t.pre : {},
      transactions: transactions.map(toScenarioTx),
      expected: { gasUsed: h.gasUsed, receiptsRoot: h.receiptTrie, logsBloom: h.bloom, stateRoot: h.stateRoot, transactionsRoot: h.transactionsTrie },
      // The test's whole world (later blocks: on the chain's post-state, `withPreState`): the state root is checkable.
      preStateComplete: true,
    };
    const rules = problems([
      ...headerProblems(h, hardfork, blobCount(transactions), parent.header, parent.hardfork).map(({ keys, message }) => ({ keys: ['blockHeader', ...keys], message })),
      ...scenarioRuleIssues(scenario).map(({ keys, message }) => ({ keys: toFixturePath(keys), message })),
    ]);
    if (rules.length > 0 && expectException === undefined) throw fail(rules);
    if (rules.length > 0) blocks.push({ ...out, refused: listed(rules) });
    else blocks.push({ ...out, scenario });
    if (expectException !== undefined) return;
    hashes[BigInt(h.number).toString()] = h.hash;
    parent = { header: h, hardfork };
  });
  return { name, network: t.network, pre: t.pre, blocks };
}

/**
 * A scenario the page can open from a blockchain-test file: the first block of the test named (or of the first test).
 * Throws `ScenarioError` when the test cannot run here, or its first block is invalid on purpose.
 */
export function fixtureToScenario(json: unknown, opts: FixtureOptions & { test?: string } = {}): Scenario {
  const name = opts.test ?? fixtureTestNames(json)[0] ?? '';
  const t = loadFixtureTest(json, name, opts);
  const first = t.blocks[0];
  const fail = (message: string) => new ScenarioError([{ path: formatPath([name]), message }], opts.sourceName);
  if (t.unsupported !== undefined) throw fail(`cannot run here: ${t.unsupported}`);
  if (first?.scenario === undefined || first.expectException !== undefined) throw fail(`its first block is invalid on purpose (${first?.expectException ?? 'refused'})`);
  return first.scenario;
}

/** A later block of a chain, on the post-state of the blocks before it. */
export function withPreState(scenario: Scenario, pre: PreState): Scenario {
  return { ...scenario, preState: pre };
}

const blobCount = (txs: readonly FixtureTx[]): number => txs.reduce((n, tx) => n + (tx.blobVersionedHashes?.length ?? 0), 0);

const at = (h: { number: Hex; timestamp: Hex }) => ({ number: BigInt(h.number), timestamp: BigInt(h.timestamp) });

type BlockData = { data: unknown; from?: string } | { undecodable: string; from: string } | { unsupported: string };

/** A block's decoded form: the block itself (`blockHeader` …), its `rlp_decoded`, or its `rlp` read by `decodeRlp`. */
function blockData(raw: unknown, schedule: NetworkSchedule, decodeRlp: FixtureOptions['decodeRlp']): BlockData {
  if (!isPlainObject(raw) || raw['blockHeader'] !== undefined) return { data: raw }; // the schema says what is wrong
  if (raw['rlp_decoded'] !== undefined) return { data: raw['rlp_decoded'], from: 'rlp_decoded' };
  if (!givenOnlyAsRlp(raw) || decodeRlp === undefined) {
    return { unsupported: 'a block is given only as RLP (Parallax reads decoded blocks: `blockHeader` or `rlp_decoded`)' };
  }
  try {
    return { data: decodeRlp(raw.rlp, schedule), from: 'rlp' };
  } catch (e) {
    return { undecodable: (e as Error).message, from: 'rlp' };
  }
}

/** What Parallax cannot run yet, in a block's decoded data. */
function unsupportedBlock(data: unknown): string | undefined {
  if (!isPlainObject(data)) return undefined; // the schema says what is wrong
  const txs = Array.isArray(data['transactions']) ? (data['transactions'] as unknown[]) : [];
  for (const tx of txs) {
    const type = isPlainObject(tx) && typeof tx['type'] === 'string' ? Number(tx['type']) : 0;
    if (type > 4) return `type-${type} transactions are not supported yet`;
  }
  return undefined;
}

/** The transactions `transactionSequence` marks invalid, by their position in the block. */
function invalidTxs(b: Record<string, unknown>): number[] | undefined {
  const seq = b['transactionSequence'];
  if (!Array.isArray(seq)) return undefined;
  const out = seq.flatMap((entry, i) => (isPlainObject(entry) && entry['valid'] === 'false' ? [i] : []));
  return out.length > 0 ? out : undefined;
}

/** BLOCKHASH answers: the genesis and the valid blocks before this one (at most 256 back), and the parent. */
function ancestors(hashes: Record<string, Hex>, h: Header): Record<string, Hex> {
  const n = BigInt(h.number);
  const out: Record<string, Hex> = {};
  for (const [k, hash] of Object.entries(hashes)) if (BigInt(k) < n && BigInt(k) >= n - 256n) out[k] = hash;
  if (n > 0n) out[(n - 1n).toString()] = h.parentHash;
  return out;
}

function blockEnv(h: Header, hardfork: string, uncles: { number: Hex; coinbase: Hex }[], withdrawals: BlockEnv['withdrawals'], blockHashes: Record<string, Hex>): BlockEnv {
  const postMerge = forkAtLeast(hardfork, 'paris');
  return compact({
    number: h.number,
    timestamp: h.timestamp,
    coinbase: h.coinbase,
    gasLimit: h.gasLimit,
    baseFeePerGas: h.baseFeePerGas,
    difficulty: postMerge ? undefined : h.difficulty,
    prevRandao: postMerge ? h.mixHash : undefined,
    parentBeaconBlockRoot: forkAtLeast(hardfork, 'cancun') ? h.parentBeaconBlockRoot : undefined,
    excessBlobGas: forkAtLeast(hardfork, 'cancun') ? h.excessBlobGas : undefined,
    withdrawals: forkAtLeast(hardfork, 'shanghai') ? withdrawals : undefined,
    uncles: postMerge && uncles.length === 0 ? undefined : uncles,
    blockHashes,
  });
}

/** The fixture's field names are the test suites' (`data`, `gasLimit`, `sender`); the sender it names is kept. */
function toScenarioTx({ data, gasLimit, sender, ...tx }: FixtureTx): ScenarioTx {
  return signedScenarioTx({ ...tx, input: data, gas: gasLimit, from: sender }, true);
}

/** Scenario field names back to the fixture's, so rule messages point into the file the user has. */
const HEADER_FIELD: Record<string, string> = { prevRandao: 'mixHash' };
const TX_FIELD: Record<string, string> = { gas: 'gasLimit', input: 'data', from: 'sender' };

function toFixturePath(keys: PathKey[]): PathKey[] {
  const [head, ...rest] = keys;
  if (head === 'transactions' && typeof rest[1] === 'string') return ['transactions', rest[0]!, TX_FIELD[rest[1]] ?? rest[1], ...rest.slice(2)];
  if (head === 'block' && typeof rest[0] === 'string') return ['blockHeader', HEADER_FIELD[rest[0]] ?? rest[0], ...rest.slice(1)];
  if (head === 'chain') return ['blockHeader', 'timestamp']; // the network and the block's place in it chose the fork
  return keys;
}

function listed(issues: Issue[]): string {
  return toScenarioIssues(issues).map((i) => `${i.path}: ${i.message}`).join('\n');
}

function describe(network: string, txCount: number, opts: FixtureOptions): string {
  return `An Ethereum blockchain test (${network}, ${txCount} transaction${txCount === 1 ? '' : 's'}) with its complete pre-state: ` +
    `the state root must match too. ${opts.credit ?? ETHEREUM_TESTS_CREDIT}`;
}

/** A file's test names for a message: all of a few, the first ones of many. */
function testList(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => `"${n}"`).join(', ');
  return names.length <= 5 ? `${names.length}: ${shown}` : `${names.length}, among them ${shown}`;
}
