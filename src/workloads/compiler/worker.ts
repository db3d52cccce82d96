/**
 * Web Worker entry: solc behind comlink. soljson.js is the `solc` npm package's own file, which Vite serves (dev) or
 * emits as an asset (build) on the app's origin; the worker fetches its text on the first call and runs it
 * (`instantiateSoljson`), because `importScripts` is unavailable in module workers.
 */
import * as Comlink from 'comlink';
import soljsonUrl from 'solc/soljson.js?url';
import { LruCache, createCompiler, type Compiler } from './compiler.ts';
import { instantiateSoljson } from './soljson.ts';
import type { CompileInput, CompileOutput } from './standardJson.ts';

let compiler: Promise<Compiler> | undefined;

async function load(): Promise<Compiler> {
  const res = await fetch(soljsonUrl);
  if (!res.ok) throw new Error(`could not load solc from ${soljsonUrl}: HTTP ${res.status}`);
  // No cache here: browser.ts caches on the page's side, where a hit costs no message.
  return createCompiler(instantiateSoljson(await res.text()), new LruCache<CompileOutput>(0));
}

function loaded(): Promise<Compiler> {
  compiler ??= load().catch((e: unknown) => {
    compiler = undefined; // let a later call try again
    throw e;
  });
  return compiler;
}

const api = {
  async version(): Promise<string> {
    return (await loaded()).version;
  },
  async compile(input: CompileInput): Promise<CompileOutput> {
    return (await loaded()).compile(input);
  },
};

export type CompilerWorkerApi = typeof api;

Comlink.expose(api);
