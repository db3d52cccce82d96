/**
 * The WASM secp256k1 (libsecp256k1) against ethereumjs's pure-JS `ecrecover`: the same key for every signature of
 * the shipped blocks (public/blocks) and the shared mainnet bundles, the same answer — key or refusal — on random and
 * edge-case inputs, the fallback when the WASM cannot load, and the worker reporting which path ran.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bigIntToBytes, bytesToHex, setLengthLeft } from '@ethereumjs/util';
import { secp256k1 as noble } from '@noble/curves/secp256k1.js';
import { type Secp256k1, WasmSecp256k1 } from '@solar-republic/wasm-secp256k1/headless';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadScenarioFile } from '../scenario/loadFile.node.ts';
import type { Scenario } from '../scenario/types.ts';
import { createNodePool } from '../workers/nodePool.ts';
import { createCommon } from './chain.ts';
import { ecrecover, ecrecoverStatus, jsEcrecover, loadSecp256k1, wasmEcrecover } from './secp256k1.ts';
import { nodeWasmSource, secp256k1WasmPath } from './secp256k1.node.ts';
import { recoverSender } from './transactions.ts';

const DIRS = [new URL('../../../public/blocks/', import.meta.url), new URL('../../../../shared/data/mainnet/', import.meta.url)].map((u) => fileURLToPath(u));
/** Every bundle once: a shipped block that is a byte-for-byte copy of a shared one is tested under both names. */
const BUNDLES: string[][] = [];
{
  const byContent = new Map<string, string[]>();
  for (const dir of DIRS) {
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const hash = createHash('sha256').update(readFileSync(dir + f)).digest('hex');
      if (!byContent.has(hash)) BUNDLES.push(byContent.set(hash, []).get(hash)!);
      byContent.get(hash)!.push(dir + f);
    }
  }
}

let wasm: Secp256k1;
beforeAll(async () => {
  wasm = await WasmSecp256k1(readFileSync(secp256k1WasmPath()));
  expect(await loadSecp256k1(nodeWasmSource)).toMatchObject({ path: 'wasm' });
});

/** Both paths on the same arguments: the same bytes, or both refuse. */
function agree(args: Parameters<typeof jsEcrecover>): Uint8Array | undefined {
  let js: Uint8Array | Error;
  let w: Uint8Array | Error;
  try {
    js = jsEcrecover(...args);
  } catch (e) {
    js = e as Error;
  }
  try {
    w = wasmEcrecover(wasm, ...args);
  } catch (e) {
    w = e as Error;
  }
  const show = (x: Uint8Array | Error) => (x instanceof Error ? `throws (${x.message})` : bytesToHex(x));
  const where = `hash ${bytesToHex(args[0])} v ${args[1]} r ${bytesToHex(args[2])} s ${bytesToHex(args[3])} chainId ${args[4]}`;
  if (js instanceof Error || w instanceof Error) {
    expect(w instanceof Error, `${where}: JS ${show(js)}, WASM ${show(w)}`).toBe(js instanceof Error);
    return undefined;
  }
  expect(bytesToHex(w), where).toBe(bytesToHex(js));
  return js;
}

describe('WASM and pure-JS sender recovery', () => {
  it('finds the bundles', () => expect(BUNDLES.flat().length).toBeGreaterThanOrEqual(9));

  for (const paths of BUNDLES) {
    const path = paths[0];
    const name = paths.map((p) => p.split('/').slice(-3).join('/')).join(' = ');
    it(`${name}: the same key for every signature, and it is the bundle's sender`, async () => {
      const scenario = await loadScenarioFile(path, { trustFrom: true });
      // Every ecrecover ethereumjs makes, exactly as it makes it, goes through both paths.
      const common = createCommon(scenario);
      let calls = 0;
      Object.assign(common.customCrypto, {
        ecrecover: (...args: Parameters<typeof jsEcrecover>) => {
          calls++;
          const key = agree(args);
          if (key === undefined) throw new Error('invalid signature');
          return key;
        },
      });
      const signed = scenario.transactions.filter((t) => t.signature !== undefined);
      for (const tx of signed) expect(recoverSender(tx, common)).toBe(tx.from);
      expect(calls).toBe(signed.length);
      expect(signed.length).toBeGreaterThan(0);
      // And the module's own path (WASM, loaded above) through the real Common.
      const real = createCommon(scenario);
      for (const tx of signed.slice(0, 50)) expect(recoverSender(tx, real)).toBe(tx.from);
    });
  }

  it('agree on random and edge-case inputs: the same key, or both refuse', () => {
    const N = noble.Point.CURVE().n;
    const P = noble.Point.CURVE().p;
    const word = (x: bigint) => setLengthLeft(bigIntToBytes(x), 32);
    const edges = [0n, 1n, 2n, N - 1n, N, N + 1n, N / 2n, N / 2n + 1n, P - 1n, P, 2n ** 256n - 1n].map(word);
    const scalar = fc.oneof(
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.constantFrom(...edges),
      fc.uint8Array({ minLength: 0, maxLength: 33 }),
    );
    const v = fc.constantFrom(0n, 1n, 2n, 26n, 27n, 28n, 29n, 35n, 36n, 37n, 38n, 45n, 46n);
    const chainId = fc.constantFrom(undefined, 1n, 5n);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), v, scalar, scalar, chainId, (h, vv, r, s, c) => {
        agree([h, vv, r, s, c]);
      }),
      { numRuns: 400 },
    );
    // Real signatures, some of them with a high s (the transaction rejects those before recovery; ECRECOVER
    // accepts them) or a flipped recovery bit.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), fc.boolean(), (h, key, high, flip) => {
        const sig = noble.sign(h, word(BigInt(key)), { prehash: false, format: 'recovered' });
        const r = sig.slice(1, 33);
        let s: Uint8Array = sig.slice(33);
        let rec = BigInt(sig[0]);
        if (high) {
          s = word(N - BigInt(bytesToHex(s)));
          rec ^= 1n;
        }
        if (flip) rec ^= 1n;
        const key64 = agree([h, 27n + rec, r, s, undefined]);
        if (!flip) expect(bytesToHex(key64!)).toBe(bytesToHex(noble.getPublicKey(word(BigInt(key)), false).slice(1)));
      }),
      { numRuns: 100 },
    );
  });

  it('the module recovers through the WASM once loaded', () => {
    expect(ecrecoverStatus().path).toBe('wasm');
    const h = new Uint8Array(32).fill(7);
    const sig = noble.sign(h, setLengthLeft(bigIntToBytes(42n), 32), { prehash: false, format: 'recovered' });
    expect(bytesToHex(ecrecover(h, 27n + BigInt(sig[0]), sig.slice(1, 33), sig.slice(33)))).toBe(
      bytesToHex(jsEcrecover(h, 27n + BigInt(sig[0]), sig.slice(1, 33), sig.slice(33))),
    );
  });
});

describe('fallback', () => {
  it('a WASM that cannot load leaves recovery in pure JS, and says why', async () => {
    vi.resetModules();
    const fresh = await import('./secp256k1.ts');
    const status = await fresh.loadSecp256k1(() => Promise.reject(new Error('offline')));
    expect(status.path).toBe('js');
    expect(status.note).toContain('offline');
    expect(fresh.ecrecoverStatus().path).toBe('js');
    const h = new Uint8Array(32).fill(1);
    const sig = noble.sign(h, setLengthLeft(bigIntToBytes(3n), 32), { prehash: false, format: 'recovered' });
    const key = fresh.ecrecover(h, BigInt(sig[0]), sig.slice(1, 33), sig.slice(33));
    expect(bytesToHex(key)).toBe(bytesToHex(noble.getPublicKey(setLengthLeft(bigIntToBytes(3n), 32), false).slice(1)));
  });

  it('a WASM that never arrives leaves recovery in pure JS after the time-out', async () => {
    vi.useFakeTimers();
    try {
      vi.resetModules();
      const fresh = await import('./secp256k1.ts');
      const status = fresh.loadSecp256k1(() => new Promise(() => {}));
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await status).toMatchObject({ path: 'js', note: expect.stringContaining('not loaded within') });
    } finally {
      vi.useRealTimers();
    }
  });

  it('so does a binary that is not WebAssembly, or an HTTP error', async () => {
    vi.resetModules();
    const a = await import('./secp256k1.ts');
    expect((await a.loadSecp256k1(async () => new Uint8Array([1, 2, 3]))).path).toBe('js');
    vi.resetModules();
    const b = await import('./secp256k1.ts');
    const status = await b.loadSecp256k1(async () => new Response('not found', { status: 404 }));
    expect(status).toMatchObject({ path: 'js' });
    expect(status.note).toContain('404');
  });
});

describe('on a worker', () => {
  const pool = createNodePool(1);
  afterAll(() => pool.dispose());

  it('recovery runs in WASM and says so', async () => {
    const scenario: Scenario = await loadScenarioFile(DIRS[0] + '19426587.json', { trustFrom: true });
    const withoutFrom = { ...scenario, transactions: scenario.transactions.map(({ from: _, ...t }) => t) };
    expect(await pool.call(0, (api) => api.init({ runId: 1, scenarioId: 1, scenario: withoutFrom, workerIndex: 0, runStartAbs: performance.timeOrigin + performance.now() }))).toBe(true);
    const r = await pool.call(0, (api) => api.recover(1, [0, 1, 2, 3]));
    expect(r.ecrecover).toBe('wasm');
    expect(r.senders).toEqual(scenario.transactions.slice(0, 4).map((t) => ({ ok: true, sender: t.from })));
  });
});
