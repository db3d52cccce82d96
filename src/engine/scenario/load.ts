/**
 * One entry for every kind of input: a scenario file, a block bundle or a blockchain-test file (its first block),
 * told apart by their top-level fields. Browser-safe; the Node file reader is `loadFile.node.ts`.
 */
import { bundleToScenario, isBundle } from './bundle.ts';
import { type FixtureOptions, fixtureToScenario, isFixtureFile } from './fixture.ts';
import { ScenarioError } from './errors.ts';
import { parseJsonText } from './jsonText.ts';
import { isPrestateTrace, isRpcBlock } from './rpcDump.ts';
import { safeParseScenario } from './schema.ts';
import type { Scenario } from './types.ts';

export { serializeScenario } from './serialize.ts';

export interface LoadOptions {
  /** Bundles only: keep each transaction's `from` instead of recovering senders from signatures (`--trust-from`). */
  trustFrom?: boolean;
  /** File name or URL, prefixed to error messages. */
  sourceName?: string;
  /** Blockchain-test files: the test to open (default: the first). */
  test?: string;
  /** Blockchain-test files: reads a block given only as RLP (`FixtureOptions.decodeRlp`). */
  decodeRlp?: FixtureOptions['decodeRlp'];
}

/** Parsed JSON of a scenario file, a block bundle or a blockchain-test file → a validated `Scenario`. Throws
 * `ScenarioError`. */
export function loadScenarioFromJson(json: unknown, opts: LoadOptions = {}): Scenario {
  if (isFixtureFile(json)) return fixtureToScenario(json, opts);
  if (opts.test !== undefined) throw new ScenarioError([{ path: '', message: `has no tests to choose from (test "${opts.test}" was asked for): only a blockchain-test file does` }], opts.sourceName);
  if (isBundle(json)) return bundleToScenario(json, opts);
  // One half of a node dump: say which half is missing rather than list every scenario field it lacks.
  if (isRpcBlock(json)) throw new ScenarioError([{ path: '', message: `is an eth_getBlockByNumber answer, whose pre-state is missing: open it with the block's debug_traceBlockByNumber(n, {tracer: "prestateTracer"}) answer (CLI: run BLOCK.json --prestate TRACE.json)` }], opts.sourceName);
  if (isPrestateTrace(json)) throw new ScenarioError([{ path: '', message: `is a debug_traceBlockByNumber answer, whose block is missing: open it with the block's eth_getBlockByNumber(n, true) answer (CLI: run BLOCK.json --prestate TRACE.json)` }], opts.sourceName);
  const result = safeParseScenario(json);
  if (result.ok) return result.scenario;
  throw opts.sourceName ? result.error.withSource(opts.sourceName) : result.error;
}

/** The text of a scenario file or a block bundle → a validated `Scenario`. Throws `ScenarioError`. */
export function loadScenarioText(text: string, opts: LoadOptions = {}): Scenario {
  return loadScenarioFromJson(parseJsonText(text, opts.sourceName), opts);
}
