/**
 * What kind of file a user opened, from its content (never its name): a scenario, a block bundle, a blockchain-test
 * file, or one half of a node dump (an `eth_getBlockByNumber` answer, a `debug_traceBlockByNumber` prestateTracer
 * answer). Anything else gets a message that lists what the page can open and says what the file looks like.
 */
import { isBundle } from './bundle.ts';
import { show } from './errors.ts';
import { isFixtureFile } from './fixture.ts';
import { isPrestateTrace, isRpcBlock } from './rpcDump.ts';
import { isPlainObject } from './shapes.ts';

export type FileKind = 'scenario' | 'bundle' | 'fixture' | 'rpc-block' | 'rpc-trace';

export type Detected = { kind: FileKind } | { kind: 'unknown'; message: string };

/** Words for each kind, for messages and the page. */
export const FILE_KIND_TITLE: Record<FileKind, string> = {
  scenario: 'scenario file',
  bundle: 'block bundle',
  fixture: 'blockchain-test file',
  'rpc-block': 'eth_getBlockByNumber answer',
  'rpc-trace': 'debug_traceBlockByNumber (prestateTracer) answer',
};

export const OPENABLE =
  'a scenario file, a block bundle ({block, prestate}), a blockchain-test file (ethereum/tests, execution-spec-tests), ' +
  'or a node’s eth_getBlockByNumber(n, true) and debug_traceBlockByNumber(n, {tracer: "prestateTracer"}) answers';

/** A scenario file's own top-level fields: one of them is enough to read the file as a scenario (and say what else
 * it lacks). */
const SCENARIO_FIELDS = ['version', 'name', 'chain', 'block', 'preState', 'transactions', 'expected'];

export function detectFileKind(json: unknown): Detected {
  if (isBundle(json)) return { kind: 'bundle' };
  if (isFixtureFile(json)) return { kind: 'fixture' };
  if (isRpcBlock(json)) return { kind: 'rpc-block' };
  if (isPrestateTrace(json)) return { kind: 'rpc-trace' };
  if (isPlainObject(json) && SCENARIO_FIELDS.some((k) => k in json)) return { kind: 'scenario' };
  return { kind: 'unknown', message: `not a file Parallax can open: expected ${OPENABLE}; got ${describe(json)}` };
}

function describe(json: unknown): string {
  if (isPlainObject(json)) {
    const keys = Object.keys(json);
    if (keys.length === 0) return 'an empty object';
    const listed = keys.slice(0, 6).map((k) => show(k)).join(', ');
    return `an object with ${keys.length === 1 ? 'the field' : 'the fields'} ${listed}${keys.length > 6 ? `, … (${keys.length} in all)` : ''}`;
  }
  if (Array.isArray(json)) {
    if (json.length === 0) return 'an empty array';
    // An array of objects is most likely a trace whose entries lack their `result`.
    return isPlainObject(json[0]) ? `an array of ${json.length} objects without "result" (a trace's entries are {txHash, result})` : `an array of ${json.length} values`;
  }
  return show(json);
}
