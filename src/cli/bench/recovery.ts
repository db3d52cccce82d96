/**
 * Sender recovery per signature, WASM (libsecp256k1) against the pure-JS fallback, in one process on the same
 * signatures: every `ecrecover` call ethereumjs makes for the scenarios' signed transactions is captured once (the
 * transaction's hashing and decoding stay out of the timing), then replayed through each path in alternating rounds.
 */
import { createCommon } from '../../engine/evm/chain.ts';
import { type EcrecoverStatus, ecrecover, jsEcrecover, loadSecp256k1 } from '../../engine/evm/secp256k1.ts';
import { nodeWasmSource } from '../../engine/evm/secp256k1.node.ts';
import { recoverSender } from '../../engine/evm/transactions.ts';
import type { Scenario } from '../../engine/scenario/types.ts';

type EcrecoverArgs = Parameters<typeof jsEcrecover>;

export interface RecoveryFigures {
  signatures: number;
  rounds: number;
  /** Median over rounds, µs of CPU time per signature (this thread's share of the process: nothing else runs
   * meanwhile), so that other jobs on the machine do not count. */
  jsUs: number;
  wasmUs: number;
  /** jsUs / wasmUs. */
  speedup: number;
  /** The same, in wall time. */
  jsWallUs: number;
  wasmWallUs: number;
  /** Loading the WASM on this thread (read, compile, instantiate, self-test), ms. */
  wasmLoadMs: number;
  /** Whether both paths recovered the same key for every signature. */
  agree: boolean;
}

/** The `ecrecover` arguments of every signed transaction; at most `limit` of them, evenly spread over all. */
export function collectSignatures(scenarios: Scenario[], limit = Infinity): EcrecoverArgs[] {
  const out: EcrecoverArgs[] = [];
  const dummy = new Uint8Array(64).fill(1);
  for (const scenario of scenarios) {
    const common = createCommon(scenario);
    Object.assign(common.customCrypto, {
      ecrecover: (...args: EcrecoverArgs) => {
        out.push(args);
        return dummy;
      },
    });
    for (const tx of scenario.transactions) if (tx.signature !== undefined) recoverSender(tx, common);
  }
  if (out.length <= limit) return out;
  return Array.from({ length: limit }, (_, i) => out[Math.floor((i * out.length) / limit)]);
}

export async function measureRecovery(scenarios: Scenario[], opts: { rounds?: number; limit?: number } = {}): Promise<RecoveryFigures> {
  const rounds = opts.rounds ?? 3;
  const sigs = collectSignatures(scenarios, opts.limit ?? 600);
  if (sigs.length === 0) throw new Error('no signed transactions to recover');
  const t0 = performance.now();
  const status: EcrecoverStatus = await loadSecp256k1(nodeWasmSource);
  const wasmLoadMs = performance.now() - t0;
  if (status.path !== 'wasm') throw new Error(status.note ?? 'the WASM secp256k1 did not load');
  // `ecrecover` is what every Common uses: the WASM path once loaded, as here.

  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const agree = sigs.every((a) => hex(jsEcrecover(...a)) === hex(ecrecover(...a))); // also the warm-up
  const time = (f: (a: EcrecoverArgs) => Uint8Array): { cpu: number; wall: number } => {
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    for (const a of sigs) f(a);
    const wall = performance.now() - start;
    const cpu = process.cpuUsage(cpu0);
    return { cpu: (cpu.user + cpu.system) / sigs.length, wall: (wall * 1000) / sigs.length };
  };
  const js: { cpu: number; wall: number }[] = [];
  const w: { cpu: number; wall: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    js.push(time((a) => jsEcrecover(...a)));
    w.push(time((a) => ecrecover(...a)));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const jsUs = median(js.map((x) => x.cpu));
  const wasmUs = median(w.map((x) => x.cpu));
  return {
    signatures: sigs.length,
    rounds,
    jsUs,
    wasmUs,
    speedup: jsUs / wasmUs,
    jsWallUs: median(js.map((x) => x.wall)),
    wasmWallUs: median(w.map((x) => x.wall)),
    wasmLoadMs,
    agree,
  };
}

export function recoveryLine(r: RecoveryFigures): string {
  return (
    `sender recovery: ${r.wasmUs.toFixed(0)} µs of CPU a signature in WASM (libsecp256k1), ${r.jsUs.toFixed(0)} µs in pure JS ` +
    `(@noble/curves): ${r.speedup.toFixed(1)}× (wall ${r.wasmWallUs.toFixed(0)} / ${r.jsWallUs.toFixed(0)} µs) — median of ` +
    `${r.rounds} rounds over ${r.signatures} mainnet signatures, ${r.agree ? 'same key on every one' : 'KEYS DIFFER'}; ` +
    `WASM loaded in ${r.wasmLoadMs.toFixed(0)} ms`
  );
}
