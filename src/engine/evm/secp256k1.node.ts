/** Node's `WasmSource` for `secp256k1.ts`: the package's .wasm file, read from node_modules (worker threads, tests). */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { WasmSource } from './secp256k1.ts';

/** The package exports only its JS entries, so the binary is found next to its main module. */
export function secp256k1WasmPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@solar-republic/wasm-secp256k1')), 'secp256k1.wasm');
}

export const nodeWasmSource: WasmSource = () => readFile(secp256k1WasmPath());
