/**
 * The contract editor's logic, free of Svelte and the DOM: the project model, templates and built-in contracts,
 * compiler diagnostics, the workload builder (ABI → argument generators → a `Scenario`), and the codecs for the
 * share link and local storage.
 */
export { contractInterface, findFunction, type AbiFunction, type AbiParam, type ContractInterface } from './abiModel.ts';
export { ARG_KINDS, argKindsFor, defaultArg, user, type ArgKind, type ArgSpec } from './args.ts';
export { BUILTINS, builtinProject, defaultWorkload, followContract, type BuiltinContract } from './builtins.ts';
export { DEPLOYER, HARDFORK, buildWorkload, type BuildResult, type BuiltWorkload, type SetupRunner } from './build.ts';
export { compileStatus, counts, markersFor, problemsOf, type MarkerRange, type ProblemItem } from './diagnostics.ts';
export { loadStored, sameSources, saveStored, type Store, type Stored } from './persist.ts';
export { formatIssue, type Issue } from './plan.ts';
export { addFile, compileInput, deleteFile, deployableContracts, findContract, freshName, renameFile, setText, type Project, type SourceFile } from './project.ts';
export { decodeShare, encodeShare, type DecodedShare } from './share.ts';
export { LIMITS, parseWorkloadSpec, type CallGroupSpec, type SetupCallSpec, type WorkloadSpec } from './spec.ts';
export type { EditorState } from './state.ts';
export { TEMPLATES, findTemplate, type Template } from './templates.ts';
export { openSession, templateState, type Session } from './session.ts';
