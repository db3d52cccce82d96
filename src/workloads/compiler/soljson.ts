/**
 * Runs the text of solc's `soljson.js` (an Emscripten build with its WebAssembly inlined, which instantiates
 * synchronously) and binds `solidity_compile` and `solidity_version` with `cwrap`. This is how the browser worker
 * gets solc: `solc/wrapper` does not bundle for the browser and `importScripts` fails in Vite's module workers, so
 * the worker fetches the text from the app's own origin and hands it here. Needs no Node and no DOM, so the Node
 * tests run the very same path. Synchronous WebAssembly compilation of this size is refused on a page's main
 * thread: call it in a worker.
 */
import type { SolcBackend } from './compiler.ts';

/** The part of the Emscripten module used here. */
interface EmscriptenModule {
  cwrap(name: string, returns: 'string' | 'number' | null, args: string[]): (...args: unknown[]) => unknown;
}

export function instantiateSoljson(soljsonText: string): SolcBackend {
  // `process` is shadowed with undefined so that under Node, too, the script takes its plain (non-Node) path: no
  // `require`, no `__dirname`, no process listeners. `Module` is ours: the script fills it in and returns it.
  const run = new Function('Module', 'process', `${soljsonText}\n;return Module;`) as (m: object, p: undefined) => unknown;
  const module = run({ print: () => {}, printErr: () => {} }, undefined) as Partial<EmscriptenModule>;
  if (typeof module?.cwrap !== 'function') throw new Error('soljson.js did not set up an Emscripten module with cwrap');

  const version = module.cwrap('solidity_version', 'string', []) as () => string;
  // solidity_compile(input, readCallback, callbackContext): a null callback makes a missing import an error.
  const compile = module.cwrap('solidity_compile', 'string', ['string', 'number', 'number']) as (i: string, cb: number, ctx: number) => string;
  // Frees everything solc allocated; cwrap has already copied the output into a JS string.
  const reset = module.cwrap('solidity_reset', null, []) as () => void;

  return {
    version,
    compile(standardInput) {
      try {
        return compile(standardInput, 0, 0);
      } finally {
        reset();
      }
    },
  };
}
