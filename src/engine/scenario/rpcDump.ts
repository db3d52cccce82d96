/**
 * A node operator's dump of one block → `Scenario`: two JSON-RPC answers, `eth_getBlockByNumber(n, true)` (the block
 * with full transactions) and `debug_traceBlockByNumber(n, {tracer: "prestateTracer"})` (for every transaction, the
 * accounts and slots it touched as they were before it ran). Either may be the whole response (`{jsonrpc, id,
 * result}`) or its bare `result`.
 *
 * The per-transaction pre-states merge into one pre-state of the block: the FIRST occurrence of each account (its
 * balance, nonce and code) and of each storage slot wins, because a later transaction's pre-state already includes
 * what earlier transactions wrote. The merged pair is then a block bundle (`bundle.ts`) and converts as one, except
 * that problems point into the file they are in (`result.transactions[3].gas` in the block file,
 * `result[5].result["0xab…"].storage["0x01…"]` in the trace).
 */
import { ScenarioError, formatPath, quoted, show, type PathKey, type ScenarioIssue } from './errors.ts';
import { bundleToScenario } from './bundle.ts';
import { parseAddress, parseSlot, Problem } from './fields.ts';
import { preState } from './schema.ts';
import { isPlainObject, run, toScenarioIssues } from './shapes.ts';
import type { Scenario } from './types.ts';

export const RPC_DUMP_CREDIT = 'From a node’s eth_getBlockByNumber and debug_traceBlockByNumber (prestateTracer) answers.';

export interface RpcDumpOptions {
  /** File names, prefixed to error messages about each file. */
  blockSource?: string;
  traceSource?: string;
  /** Keep the block's `from` fields instead of recovering senders (`--trust-from`). */
  trustFrom?: boolean;
}

/** A JSON-RPC answer's `result`, and the path prefix that leads to it in the file (`['result']` or none). */
interface Unwrapped {
  value: unknown;
  prefix: PathKey[];
}

const isResponse = (json: unknown): json is Record<string, unknown> =>
  isPlainObject(json) && ('jsonrpc' in json || 'result' in json || 'error' in json) && !('transactions' in json) && !('prestate' in json);

/** The `result` of a JSON-RPC response, or the value itself when it is a bare result. Throws on an error response. */
function unwrap(json: unknown, what: string, source: string | undefined): Unwrapped {
  if (!isResponse(json)) return { value: json, prefix: [] };
  if (json['error'] !== undefined) {
    const e = json['error'];
    const message = isPlainObject(e) && typeof e['message'] === 'string' ? e['message'] : show(e);
    throw new ScenarioError([{ path: 'error', message: `the node answered with an error, not ${what}: ${message}` }], source);
  }
  if (json['result'] === null) throw new ScenarioError([{ path: 'result', message: `is null: the node does not have ${what === 'a block' ? 'this block' : 'this block’s trace'}` }], source);
  if (json['result'] === undefined) throw new ScenarioError([{ path: 'result', message: `is required (a JSON-RPC answer carries ${what} in "result")` }], source);
  return { value: json['result'], prefix: ['result'] };
}

const looksLikeBlock = (x: unknown): x is Record<string, unknown> =>
  isPlainObject(x) && Array.isArray(x['transactions']) && 'miner' in x && 'number' in x && !('preState' in x) && !('chain' in x);

/** An `eth_getBlockByNumber` answer (or its bare result): a block header with a `transactions` array. */
export function isRpcBlock(json: unknown): boolean {
  if (looksLikeBlock(json)) return true;
  return isResponse(json) && looksLikeBlock(json['result']);
}

/** One entry of a `debug_traceBlockByNumber` answer: `{txHash?, result}` (or `{txHash, error}` for a failed trace). */
const looksLikeTraceEntry = (x: unknown): boolean => isPlainObject(x) && ('result' in x || 'txHash' in x) && !('transactions' in x);

/** A `debug_traceBlockByNumber` answer (or its bare result): an array of per-transaction traces. */
export function isPrestateTrace(json: unknown): boolean {
  const value = isResponse(json) ? json['result'] : json;
  return Array.isArray(value) && (value.length === 0 ? isResponse(json) : looksLikeTraceEntry(value[0]));
}

/** Where a merged account or slot came from: the trace entry, and its key as the file spells it. */
interface Origin {
  tx: number;
  rawAddress: string;
  rawSlot?: string;
}

export interface MergedPrestate {
  /** Address → `{balance, nonce, code, storage}` as the tracer wrote them (validated later by the scenario schema). */
  prestate: Record<string, Record<string, unknown>>;
  /** The transaction hashes the trace names (`txHash`), by entry; undefined where it names none. */
  txHashes: (string | undefined)[];
  /** Normalised address (and `address slot`) → where it was first seen. */
  origins: Map<string, Origin>;
}

/** The account fields a pre-state keeps; tracer extras (`codeHash` in newer geth) are dropped like other RPC extras. */
const ACCOUNT_FIELDS = ['balance', 'nonce', 'code'] as const;

/**
 * Per-transaction pre-states → one pre-state: the first occurrence of every account and every slot wins. Keys are
 * compared after normalising (`0xAB…` and `0xab…` are one account; `0x1` and `0x00…01` one slot). Throws
 * `ScenarioError` (paths into the trace file, from `prefix`) for entries that are not prestateTracer output.
 */
export function mergePrestates(entries: unknown[], prefix: PathKey[] = [], source?: string): MergedPrestate {
  const prestate: Record<string, Record<string, unknown>> = Object.create(null);
  const origins = new Map<string, Origin>();
  const txHashes: (string | undefined)[] = [];
  const issues: { keys: PathKey[]; message: string }[] = [];
  entries.forEach((entry, tx) => {
    const at = [...prefix, tx];
    if (!isPlainObject(entry)) return void issues.push({ keys: at, message: `expected a trace entry ({txHash, result}), got ${show(entry)}` });
    txHashes.push(typeof entry['txHash'] === 'string' ? entry['txHash'] : undefined);
    if (entry['error'] !== undefined) {
      const e = entry['error'];
      return void issues.push({ keys: [...at, 'error'], message: `the node could not trace this transaction: ${typeof e === 'string' ? show(e) : show(isPlainObject(e) ? (e['message'] ?? e) : e)}` });
    }
    const result = entry['result'];
    if (result === undefined) return void issues.push({ keys: [...at, 'result'], message: 'is required (the transaction’s pre-state)' });
    const wrong = wrongTracer(result);
    if (wrong) return void issues.push({ keys: [...at, 'result'], message: wrong });
    for (const [rawAddress, account] of Object.entries(result as Record<string, unknown>)) {
      if (!isPlainObject(account)) {
        issues.push({ keys: [...at, 'result', rawAddress], message: `expected an account ({balance, nonce, code, storage}), got ${show(account)}` });
        continue;
      }
      const address = normal(rawAddress, parseAddress);
      let merged = prestate[address];
      if (merged === undefined) {
        merged = Object.create(null) as Record<string, unknown>;
        for (const k of ACCOUNT_FIELDS) if (account[k] !== undefined) merged[k] = account[k];
        prestate[address] = merged;
        origins.set(address, { tx, rawAddress });
      }
      const storage = account['storage'];
      if (storage === undefined || storage === null) continue;
      if (!isPlainObject(storage)) {
        issues.push({ keys: [...at, 'result', rawAddress, 'storage'], message: `expected an object of slot → value, got ${show(storage)}` });
        continue;
      }
      let slots = merged['storage'] as Record<string, unknown> | undefined;
      for (const [rawSlot, value] of Object.entries(storage)) {
        const slot = normal(rawSlot, parseSlot);
        if (slots === undefined) merged['storage'] = slots = Object.create(null) as Record<string, unknown>;
        if (slot in slots) continue;
        slots[slot] = value;
        origins.set(`${address} ${slot}`, { tx, rawAddress, rawSlot });
      }
    }
  });
  if (issues.length > 0) throw new ScenarioError(toScenarioIssues(issues), source);
  return { prestate, txHashes, origins };
}

/** Why a trace entry's `result` is some other tracer's output, if it is. */
function wrongTracer(result: unknown): string | undefined {
  if (!isPlainObject(result)) return `expected the transaction’s pre-state (address → account), got ${show(result)}`;
  if ('pre' in result && 'post' in result) {
    return 'is prestateTracer output in diffMode ({pre, post}), which leaves out the accounts only read: trace again without diffMode';
  }
  if ('calls' in result || ('type' in result && 'from' in result) || 'structLogs' in result) {
    return 'is not prestateTracer output (it looks like a call or opcode trace): trace with {tracer: "prestateTracer"}';
  }
  return undefined;
}

/** A key normalised for comparing, or as it is when it is malformed (validation reports it then). */
function normal(key: string, parse: (k: string) => string | Problem): string {
  const n = parse(key);
  return n instanceof Problem ? key : n;
}

/**
 * The block answer and the trace answer (either order of fields; each a whole response or a bare result) → the
 * block as a scenario. Throws `ScenarioError` naming the file and the field at fault.
 */
export function rpcDumpToScenario(blockJson: unknown, traceJson: unknown, opts: RpcDumpOptions = {}): Scenario {
  const { blockSource, traceSource } = opts;
  const block = unwrap(blockJson, 'a block', blockSource);
  const trace = unwrap(traceJson, 'a block trace', traceSource);
  if (!looksLikeBlock(block.value)) {
    throw new ScenarioError([{ path: pathOf(block.prefix), message: `expected a block as eth_getBlockByNumber(n, true) returns it (number, miner, transactions, …), got ${show(block.value)}` }], blockSource);
  }
  if (!Array.isArray(trace.value)) {
    throw new ScenarioError([{ path: pathOf(trace.prefix), message: `expected debug_traceBlockByNumber's answer (an array with one {txHash, result} a transaction), got ${show(trace.value)}` }], traceSource);
  }
  const txs = block.value['transactions'] as unknown[];
  if (trace.value.length !== txs.length) {
    throw new ScenarioError([{
      path: pathOf(trace.prefix),
      message: `has ${trace.value.length} transaction trace${trace.value.length === 1 ? '' : 's'}, but the block has ${txs.length} transaction${txs.length === 1 ? '' : 's'}: is it the trace of the same block?`,
    }], traceSource);
  }
  const merged = mergePrestates(trace.value, trace.prefix, traceSource);
  // The trace names its transactions: they must be the block's, in the block's order.
  for (let i = 0; i < txs.length; i++) {
    const named = merged.txHashes[i];
    const tx = txs[i];
    const hash = isPlainObject(tx) && typeof tx['hash'] === 'string' ? tx['hash'] : undefined;
    if (named !== undefined && hash !== undefined && named.toLowerCase() !== hash.toLowerCase()) {
      throw new ScenarioError([{
        path: pathOf([...trace.prefix, i, 'txHash']),
        message: `is ${quoted(named, 72)}, but the block's transaction ${i} is ${quoted(hash, 72)}: the trace is of another block (or in another order)`,
      }], traceSource);
    }
  }
  // The pre-state is checked here, where its problems can point at the trace entry they came from.
  const checked = run(preState, merged.prestate);
  if (!checked.ok) {
    throw new ScenarioError(checked.issues.map(({ keys, message }) => ({ path: pathOf(traceKeys(keys, merged.origins, trace.prefix)), message })), traceSource);
  }
  try {
    return bundleToScenario(
      { block: block.value, prestate: merged.prestate, blockHashes: {} },
      { trustFrom: opts.trustFrom, credit: `${RPC_DUMP_CREDIT} BLOCKHASH knows only the parent's hash (the answers carry no older ones).` },
    );
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new ScenarioError(error.issues.map((issue) => toBlockFile(issue, block.prefix)), blockSource);
  }
}

/** `prestate["0xab…"].storage["0x01…"]` → the trace entry it came from: `result[5].result["0xAB…"].storage["0x1"]`. */
function traceKeys(keys: PathKey[], origins: Map<string, Origin>, prefix: PathKey[]): PathKey[] {
  const [address, field, slot, ...rest] = keys;
  const account = typeof address === 'string' ? origins.get(address) : undefined;
  if (account === undefined) return [...prefix, ...keys];
  const slotOrigin = field === 'storage' && typeof slot === 'string' ? origins.get(`${address} ${slot}`) : undefined;
  if (slotOrigin) return [...prefix, slotOrigin.tx, 'result', slotOrigin.rawAddress, 'storage', slotOrigin.rawSlot!, ...rest];
  return [...prefix, account.tx, 'result', account.rawAddress, ...keys.slice(1)];
}

/** A bundle problem (`block.transactions[3].gas`) as a problem of the block file (`result.transactions[3].gas`). */
function toBlockFile(issue: ScenarioIssue, prefix: PathKey[]): ScenarioIssue {
  if (issue.path !== 'block' && !issue.path.startsWith('block.') && !issue.path.startsWith('block[')) return issue;
  const rest = issue.path.slice('block'.length); // '', '.transactions[3].gas' or '[…]'
  const head = pathOf(prefix);
  return { path: head ? `${head}${rest}` : rest.replace(/^\./, ''), message: issue.message };
}

const pathOf = formatPath;
