import { describe, expect, it } from 'vitest';
import { LazyKzg, kzgLoaded, loadKzg } from './kzg.ts';

/** The point at infinity: the commitment of the zero polynomial, and a valid proof that it is 0 at any point. */
const INFINITY = `0xc0${'00'.repeat(47)}`;
const ZERO = `0x${'00'.repeat(32)}`;
const ONE = `0x${'00'.repeat(31)}01`;

describe('LazyKzg', () => {
  it('fails a verification asked for before the library is loaded, and says it was needed', () => {
    const kzg = new LazyKzg();
    expect(kzgLoaded()).toBe(false);
    expect(() => kzg.verifyProof(INFINITY, ZERO, ZERO, INFINITY)).toThrow('KZG not loaded yet');
    expect(kzg.needed).toBe(true);
  });

  it('verifies point evaluation proofs once loaded: the zero polynomial is 0 everywhere, not 1', async () => {
    await loadKzg();
    const kzg = new LazyKzg();
    expect(kzg.verifyProof(INFINITY, ONE, ZERO, INFINITY)).toBe(true);
    expect(kzg.verifyProof(INFINITY, ONE, ONE, INFINITY)).toBe(false);
    expect(kzg.needed).toBe(false);
  });

  it('refuses blob operations: blocks carry versioned hashes, never blobs', () => {
    expect(() => new LazyKzg().blobToKzgCommitment()).toThrow(/blob operations are not supported/);
  });
});
