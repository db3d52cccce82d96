/** The scenario layer's public API: the model, validation, loaders and serialisation. */
export type * from './types.ts';
export { preStateIsComplete } from './types.ts';
export { ScenarioError, formatPath, type PathKey, type ScenarioIssue } from './errors.ts';
export { FORMAT_VERSION, parseScenario, parseScenarioText, safeParseScenario, type SafeParseResult } from './schema.ts';
export { PEVM_CREDIT, bundleToScenario, isBundle, type BundleOptions } from './bundle.ts';
export {
  ETHEREUM_TESTS_CREDIT, fixtureTestNames, fixtureToScenario, isFixtureFile, loadFixtureTest, withPreState,
  type FixtureBlock, type FixtureOptions, type FixtureTest,
} from './fixture.ts';
export { loadScenarioFromJson, loadScenarioText, type LoadOptions } from './load.ts';
export { canonicalScenario, serializeScenario } from './serialize.ts';
export { HARDFORKS, forkAtLeast, mainnetHardforkAt, receiptsCarryStateRoots } from './hardforks.ts';
export { RPC_DUMP_CREDIT, isPrestateTrace, isRpcBlock, mergePrestates, rpcDumpToScenario, type RpcDumpOptions } from './rpcDump.ts';
export { FILE_KIND_TITLE, OPENABLE, detectFileKind, type Detected, type FileKind } from './fileKind.ts';
