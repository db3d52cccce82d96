/** Shared pieces of the generators: a seeded PRNG, readable synthetic addresses, block environments. */
import type { Address, BlockEnv, Hex } from '../engine/scenario/types.ts';
import { quantity } from './abi.ts';

/** mulberry32: tiny, fast, good enough for workloads; same seed → same numbers on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (inclusive), any size. */
  big(lo: bigint, hi: bigint): bigint;
}

export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    big(lo, hi) {
      const span = hi - lo + 1n;
      let r = 0n;
      for (let bits = 0n; 1n << bits < span * 1024n; bits += 32n) r = (r << 32n) | BigInt(Math.floor(next() * 2 ** 32));
      return lo + (r % span); // the 1024× oversampling keeps the modulo bias below 0.1 %
    },
  };
}

/**
 * A readable address: a 4-hex-digit tag, then the index, e.g. account('5e4d', 3) = 0x5e4d…0003.
 * Tags keep roles apart (and far from the precompiles at 0x01…0x11).
 */
export function account(tag: string, i: number): Address {
  if (!/^[0-9a-f]{4}$/.test(tag)) throw new Error(`tag must be 4 lowercase hex digits: ${tag}`);
  return `0x${tag}${i.toString(16).padStart(36, '0')}`;
}

/** Fee recipient of every generated block; no generator uses it for anything else. */
export const COINBASE: Address = '0xc0ffee000000000000000000000000000000c0de';

export const ETH = 10n ** 18n;
export const GWEI = 10n ** 9n;

const ZERO32: Hex = `0x${'00'.repeat(32)}`;

/** A block environment that is valid for `hardfork` (pre-merge: difficulty; post-merge: prevRandao). */
export function blockEnv(hardfork: string, o: { gasLimit: bigint; baseFee?: bigint; number?: bigint }): BlockEnv {
  const postMerge = hardfork === 'paris' || hardfork === 'shanghai' || hardfork === 'cancun' || hardfork === 'prague';
  const env: BlockEnv = {
    number: quantity(o.number ?? 20_000_000n),
    timestamp: quantity(1_717_000_000n),
    coinbase: COINBASE,
    gasLimit: quantity(o.gasLimit),
    blockHashes: {},
  };
  if (hardfork !== 'berlin' && o.baseFee !== undefined) env.baseFeePerGas = quantity(o.baseFee);
  if (postMerge) env.prevRandao = `0x${'ab'.repeat(32)}`;
  else env.difficulty = quantity(1n << 40n);
  if (hardfork === 'cancun' || hardfork === 'prague') {
    env.excessBlobGas = '0x0';
    env.parentBeaconBlockRoot = ZERO32;
  }
  return env;
}
