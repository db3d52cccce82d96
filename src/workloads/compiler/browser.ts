/**
 * The compiler for the page: solc runs in a Web Worker (worker.ts) that is started on the first call, never at first
 * paint, and kept. Outputs are cached here by input hash, so compiling unchanged sources again sends no message and
 * does not start the worker.
 */
import * as Comlink from 'comlink';
import { Lifeline } from '../../engine/workers/lifeline.ts';
import { LruCache, compileKey, deepFreeze } from './compiler.ts';
import type { CompileInput, CompileOutput } from './standardJson.ts';
import type { CompilerWorkerApi } from './worker.ts';

interface CompilerWorker {
  worker: Worker;
  api: Comlink.Remote<CompilerWorkerApi>;
  /** Ends when the worker dies or is stopped: a pending call would hang else. */
  life: Lifeline;
  stop(reason: string): void;
}

let current: CompilerWorker | undefined;
const outputs = new LruCache<Promise<CompileOutput>>();

function start(): CompilerWorker {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'solc' });
  const w: CompilerWorker = {
    worker,
    api: Comlink.wrap<CompilerWorkerApi>(worker),
    life: new Lifeline(),
    stop(reason) {
      if (current === w) current = undefined;
      worker.terminate();
      w.life.end(new Error(reason));
    },
  };
  // A failed load of the worker's script, or an uncaught error in it (out of memory while compiling).
  worker.addEventListener('error', (e) => w.stop(`the solc worker failed: ${e.message || 'it could not start'}`));
  return w;
}

function call<T>(f: (api: Comlink.Remote<CompilerWorkerApi>) => Promise<T>): Promise<T> {
  const w = (current ??= start());
  return w.life.race(() => f(w.api));
}

/** Compiles `input` in the worker, or returns the cached output (the identical, frozen object). */
export function compile(input: CompileInput): Promise<CompileOutput> {
  let key: string;
  try {
    key = compileKey(input);
  } catch (e) {
    return Promise.reject(e); // an unknown hardfork
  }
  let out = outputs.get(key);
  if (out === undefined) {
    out = call((api) => api.compile(input)).then(deepFreeze);
    out.catch(() => outputs.delete(key)); // failures are not cached
    outputs.set(key, out);
  }
  return out;
}

/** Starts the worker and loads solc ahead of the first compile (e.g. when an editor opens); resolves to its version. */
export function loadCompiler(): Promise<string> {
  return call((api) => api.version());
}

/** Stops the worker (the cache stays); the next call starts a new one. */
export function terminateCompiler(): void {
  current?.stop('the solc worker was stopped');
}
