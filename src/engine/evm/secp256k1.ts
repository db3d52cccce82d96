/**
 * ECDSA public-key recovery for sender recovery and the ECRECOVER precompile: libsecp256k1 compiled to WASM
 * (`@solar-republic/wasm-secp256k1`, MIT, ~294 KB of WASM) behind ethereumjs's `customCrypto.ecrecover`, with
 * ethereumjs's own pure-JS `ecrecover` (@noble/curves) as the fallback.
 *
 * Platform-free: the WASM bytes come from a `WasmSource` the worker entry hands over (`secp256k1.node.ts` reads the
 * file next to the package, `secp256k1.browser.ts` fetches the asset Vite emits on the site's own origin, so it is
 * precached for offline use like every other file of the build). Until the WASM is ready — or for good, if it fails
 * to load, to compile, or to give the known answer below — every recovery takes the pure-JS path, so recovery always
 * works; `ecrecoverStatus()` says which path is in use and why.
 *
 * One module instance per thread: each worker loads its own copy (WASM instances are not shared across threads).
 */
import { ecrecover as jsEcrecover, hexToBytes, setLengthLeft } from '@ethereumjs/util';
import { type Secp256k1, WasmSecp256k1 } from '@solar-republic/wasm-secp256k1/headless';

export type EcrecoverPath = 'wasm' | 'js';

/** The WASM binary: a `Response` (fetched) or its bytes. */
export type WasmSource = () => Promise<Response | BufferSource>;

export interface EcrecoverStatus {
  path: EcrecoverPath;
  /** Why the pure-JS path is in use, when it is: not loaded (yet), or the load's error. */
  note?: string;
  /** Time to fetch, compile and instantiate the WASM (ms), once loaded. */
  loadMs?: number;
}

let lib: Secp256k1 | undefined;
let loading: Promise<EcrecoverStatus> | undefined;
let status: EcrecoverStatus = { path: 'js', note: 'WASM not loaded' };

/** A WASM that takes longer than this to load (a stalled fetch) leaves recovery in pure JS until it arrives. */
const LOAD_TIMEOUT_MS = 10_000;

/** Loads the WASM once per thread (later calls return the same promise); never rejects: a failure means the pure-JS
 * path, and the status says why. Resolves within `LOAD_TIMEOUT_MS` even if the source never answers. */
export function loadSecp256k1(source: WasmSource): Promise<EcrecoverStatus> {
  loading ??= new Promise<EcrecoverStatus>((resolve) => {
    const timer = setTimeout(() => {
      status = { path: 'js', note: `WASM secp256k1 not loaded within ${LOAD_TIMEOUT_MS / 1000} s` };
      resolve(status);
    }, LOAD_TIMEOUT_MS);
    void (async () => {
      const t0 = performance.now();
      try {
        const src = await source();
        // Bytes rather than streaming compilation: a static server that sends .wasm without `application/wasm`
        // would make `instantiateStreaming` fail; the module is small enough that this costs nothing measurable.
        const candidate = await WasmSecp256k1(src instanceof Response ? await responseBytes(src) : src);
        knownAnswer(candidate);
        lib = candidate; // even after the timeout: from then on recovery takes the WASM path
        status = { path: 'wasm', loadMs: performance.now() - t0 };
      } catch (e) {
        status = { path: 'js', note: `WASM secp256k1 unavailable: ${(e as Error)?.message ?? String(e)}` };
      }
      clearTimeout(timer);
      resolve(status);
    })();
  });
  return loading;
}

async function responseBytes(res: Response): Promise<ArrayBuffer> {
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${res.url}`);
  return res.arrayBuffer();
}

export function ecrecoverStatus(): EcrecoverStatus {
  return status;
}

/**
 * ethereumjs's `ecrecover` contract (`@ethereumjs/util`): the 64-byte uncompressed public key (no 0x04 prefix) of
 * the signer of `msgHash`; `v` is 0/1, 27/28, or EIP-155's `chainId * 2 + 35/36` when `chainId` is given. Throws
 * on an invalid `v`, an `r` or `s` of 0 or ≥ n, or a signature no key matches — where the pure-JS one throws.
 */
export function ecrecover(msgHash: Uint8Array, v: bigint, r: Uint8Array, s: Uint8Array, chainId?: bigint): Uint8Array {
  if (lib === undefined || msgHash.length !== 32) return jsEcrecover(msgHash, v, r, s, chainId);
  return wasmEcrecover(lib, msgHash, v, r, s, chainId);
}

/** The WASM path alone (tests and the benchmark compare it with the pure-JS one). */
export function wasmEcrecover(secp: Secp256k1, msgHash: Uint8Array, v: bigint, r: Uint8Array, s: Uint8Array, chainId?: bigint): Uint8Array {
  // The recovery id exactly as @ethereumjs/util computes it (calculateSigRecovery + isValidSigRecovery).
  const recovery = v === 0n || v === 1n ? v : chainId === undefined ? v - 27n : v - (chainId * 2n + 35n);
  if (recovery !== 0n && recovery !== 1n) throw new Error('Invalid signature v value');
  const sig = new Uint8Array(64);
  sig.set(setLengthLeft(r, 32), 0); // throws on more than 32 bytes, as util's does
  sig.set(setLengthLeft(s, 32), 32);
  // libsecp256k1 refuses r or s of 0 or ≥ n (parse / recover fail), reduces the hash mod n, accepts a high s (the
  // transaction checks that, EIP-2, before recovery) — as noble's `recoverPublicKey` does.
  return secp.recover(sig, msgHash, Number(recovery), true).subarray(1);
}

/** The pure-JS path alone. */
export { jsEcrecover };

/** A signature by a known key (the secret key 1, whose public key is the generator G) of keccak256("parallax"): a
 * WASM module that does not give this answer is not used. */
function knownAnswer(secp: Secp256k1): void {
  const hash = hexToBytes('0xabdb0448722fb4e1552eb264fd4dcc126061920ac0a26ef6cc9d4f13f8291665');
  const r = hexToBytes('0x3d75d467bca60db2f807d002dc2047134cd68406be5e0472bcc04ee6c82db4a0');
  const s = hexToBytes('0x4cf52a43c55a8a721ca353ebd44af3d6c0ffd0c597e9b09896d9f253e37032e2');
  const g = '79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8';
  const got = Array.from(wasmEcrecover(secp, hash, 28n, r, s), (b) => b.toString(16).padStart(2, '0')).join('');
  if (got !== g) throw new Error('the WASM module recovered a wrong key in its self-test');
}
