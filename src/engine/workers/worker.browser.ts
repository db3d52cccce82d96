/** Web Worker entry: the same runtime as in Node, exposed through comlink. */
import * as Comlink from 'comlink';
import { browserWasmSource } from '../evm/secp256k1.browser.ts';
import { WorkerRuntime } from './workerApi.ts';

const runtime = new WorkerRuntime(() => {
  // Injected fault: an uncaught error is what the page sees from a crashed worker.
  setTimeout(() => {
    throw new Error('injected worker crash');
  });
}, browserWasmSource);
Comlink.expose(runtime);
