/**
 * Node-only: the compiler on the `solc` npm package (tests, CLI, scripts/compile-contracts.ts), and the build of the
 * checked-in workload artifacts. The browser runs the same `createCompiler` over soljson.js in a worker (browser.ts).
 */
import solc from 'solc';
import { toArtifacts, type Artifacts } from './artifacts.ts';
import { createCompiler, type Compiler, type SolcBackend } from './compiler.ts';
import type { CompileInput, CompileOutput } from './standardJson.ts';

export const nodeSolc: SolcBackend = {
  version: () => solc.version() as string,
  compile: (standardInput) => solc.compile(standardInput) as string,
};

let shared: Compiler | undefined;

/** The process-wide compiler (one cache for everything in this process). */
export function nodeCompiler(): Compiler {
  return (shared ??= createCompiler(nodeSolc));
}

/** Compiles (or returns the cached output for) `input`; never throws for compile errors: see `output.errors`. */
export function compile(input: CompileInput): CompileOutput {
  return nodeCompiler().compile(input);
}

/** The workload contracts' artifacts (`contracts/artifacts.json`) from their sources; throws on any error. */
export function compileSources(sources: Record<string, string>): Artifacts {
  return toArtifacts(compile({ sources }), nodeCompiler().version);
}
