/**
 * keccak-256 for the state and receipts roots: hash-wasm's WebAssembly Keccak once it is loaded, `@noble/hashes`
 * (pure JS) until then and wherever WebAssembly is refused.
 *
 * A root hashes every trie node and every hashed key of the post-state, thousands of short inputs: on this machine
 * noble takes ~25 µs a 200-byte input and hash-wasm ~1.7 µs, and the pure-JS hashing was most of a root's time (block
 * 11,814,555: ~55 ms of its ~90). The WebAssembly module is inlined in hash-wasm's JavaScript (no file to fetch: it
 * works offline and from any static host). Loading is asynchronous, so whoever computes roots awaits `keccakReady()`
 * first (`run.ts`); a call before that, or after a failed load, is served by noble — same bytes, tested
 * (`keccak.test.ts`).
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { createKeccak, type IHasher } from 'hash-wasm';

let wasm: IHasher | undefined;
let loading: Promise<'wasm' | 'js'> | undefined;

/** Loads the WebAssembly hasher once; resolves to the path `keccak256` takes from now on. Never rejects. */
export function keccakReady(): Promise<'wasm' | 'js'> {
  loading ??= createKeccak(256).then(
    (h) => {
      wasm = h;
      return 'wasm' as const;
    },
    () => 'js' as const,
  );
  return loading;
}

export function keccak256(data: Uint8Array): Uint8Array {
  if (wasm === undefined) return keccak_256(data);
  wasm.init();
  wasm.update(data);
  const out = wasm.digest('binary');
  // A buffer of its own: callers read it through `new DataView(out.buffer)` (ethereumjs' Bloom).
  return out.byteOffset === 0 && out.buffer.byteLength === 32 ? out : out.slice();
}

/** For tests: forget the WebAssembly hasher (the next calls use noble until `keccakReady` is awaited again). */
export function useJsKeccak(): void {
  wasm = undefined;
  loading = undefined;
}
