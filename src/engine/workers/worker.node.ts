/** Node `worker_threads` entry: the same runtime as the browser, over comlink's Node adapter. */
import { readlinkSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { nodeWasmSource } from '../evm/secp256k1.node.ts';
import { WorkerRuntime } from './workerApi.ts';

if (!parentPort) throw new Error('worker.node.ts must run in a worker thread');
// PARALLAX_ECRECOVER=js keeps sender recovery in pure JS (to compare the two paths: docs/benchmarks.md).
const wasm = process.env.PARALLAX_ECRECOVER === 'js' ? undefined : nodeWasmSource;
const runtime = new WorkerRuntime(
  () => {
    // Injected fault: die like a crashed worker would.
    process.exit(70);
  },
  wasm,
  osThreadId,
);
Comlink.expose(runtime, nodeEndpoint(parentPort));

/** Linux names the calling thread `/proc/thread-self` (`<pid>/task/<tid>`); elsewhere, null. */
function osThreadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? tid : null;
  } catch {
    return null;
  }
}
