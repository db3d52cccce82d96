/**
 * ethereumjs analyses a contract's code (valid JUMPDESTs, PUSH values, the opcode of every byte) on the first jump of
 * *every* call into it, and throws the analysis away when the call returns: a router or token of 10–25 KB is walked
 * byte by byte each time a transaction touches it. Geth, Besu and ethrex keep the analysis per code; so does this
 * module, per code array (a contract's code is one `Uint8Array` in the thread's code store, `stateView.getCode`) and
 * per opcode table (a hardfork's opcodes are one table, so two chains in one thread never share an analysis).
 *
 * The analysis is a pure function of the code bytes and the opcode table, and the interpreter only reads it (JUMP's
 * destination check, PUSH's cached value, the cached opcode of each byte), so sharing it between calls cannot change
 * a result. The interpreter is not exported by `@ethereumjs/evm`; its prototype is reached through the first
 * JUMP/JUMPI a VM executes (the opcode handler gets the interpreter's run state), patched once a thread, and the
 * VM's opcode table is given its own handlers back.
 */

interface Analysis {
  jumps: Uint8Array;
  pushes: Record<number, bigint>;
  opcodesCached: unknown[];
}
interface InterpreterLike {
  _evm: { _opcodeMap: object };
  _getValidJumpDestinations(code: Uint8Array): Analysis;
}
interface OpEntry {
  opHandler: (runState: { interpreter?: object }, common: unknown) => unknown;
}

const JUMP = 0x56;
const JUMPI = 0x57;
/** Code shorter than this is analysed again each call (a proxy's few hundred bytes cost less than the lookup). */
const MIN_CACHED = 64;
/** The patched method, marked so a second VM (or a module loaded twice) never wraps it again. */
const PATCHED = Symbol.for('parallax.jumpAnalysisCache');

let patched = false;
/** The interpreter's prototype, once reached (see `cacheJumpAnalysis`). */
let interpreterProto: InterpreterLike | undefined;
/** Tests compare results with the cache off and on (the patch itself stays once made). */
export const jumpAnalysisCache = { enabled: true };
/** Per opcode table, per code array. Weak both ways: a VM or a code gone takes its analyses with it. */
const cache = new WeakMap<object, WeakMap<Uint8Array, Analysis>>();
let hits = 0;
let misses = 0;

/** Counts for tests: analyses reused and analyses made since the thread started. */
export function jumpAnalysisStats(): { patched: boolean; hits: number; misses: number } {
  return { patched, hits, misses };
}

function patch(proto: InterpreterLike): void {
  const analyse = proto._getValidJumpDestinations as InterpreterLike['_getValidJumpDestinations'] & { [PATCHED]?: true };
  if (typeof analyse !== 'function' || analyse[PATCHED]) return;
  const cached = function (this: InterpreterLike, code: Uint8Array): Analysis {
    if (code.length < MIN_CACHED || !jumpAnalysisCache.enabled) return analyse.call(this, code);
    const table = this._evm._opcodeMap;
    let byCode = cache.get(table);
    if (byCode === undefined) cache.set(table, (byCode = new WeakMap()));
    let a = byCode.get(code);
    if (a === undefined) {
      misses++;
      byCode.set(code, (a = analyse.call(this, code)));
    } else hits++;
    return a;
  } as InterpreterLike['_getValidJumpDestinations'] & { [PATCHED]?: true };
  cached[PATCHED] = true;
  proto._getValidJumpDestinations = cached;
  interpreterProto = proto;
}

/**
 * Analyses each of `codes` (a scenario's contracts) for `evm`'s opcode table now, at the scenario's set-up, so that no
 * run pays for it — the first run of a block would otherwise analyse every contract it calls, on every worker, and
 * the second none. Possible once any VM of this thread has run a JUMP (the warm-up's blocks do); before that, or if
 * anything is not as expected, nothing happens (it is only a head start). Returns how many codes were analysed.
 */
export function preanalyse(evm: unknown, codes: Iterable<Uint8Array>): number {
  const proto = interpreterProto;
  const e = evm as { _opcodeMap?: Record<number, unknown>; common?: unknown };
  if (proto === undefined || !jumpAnalysisCache.enabled || e._opcodeMap === undefined || e.common === undefined) return 0;
  // What the analysis reads of an interpreter: its EVM's opcode table (through lookupOpInfo) and the chain's EIPs.
  const table = e._opcodeMap;
  const self = { _evm: e, common: e.common, lookupOpInfo: (op: number) => table[op] } as unknown as InterpreterLike;
  let n = 0;
  try {
    for (const code of codes) {
      if (code.length < MIN_CACHED) continue;
      proto._getValidJumpDestinations.call(self, code);
      n++;
    }
  } catch {
    // a head start only: a run analyses what is missing
  }
  return n;
}

/**
 * Makes the interpreters of `evm` (a VM's `vm.evm`) reuse code analyses. A no-op once done in this thread, and where
 * the library's internals are not as expected (analyses are then made per call, as before).
 */
export function cacheJumpAnalysis(evm: unknown): void {
  if (patched) return;
  const table = (evm as { _opcodeMap?: Record<number, OpEntry | undefined> })._opcodeMap;
  if (table === undefined) return;
  const originals = new Map<number, OpEntry>();
  for (const op of [JUMP, JUMPI]) {
    const entry = table[op];
    if (entry === undefined || typeof entry.opHandler !== 'function') return;
    originals.set(op, entry);
  }
  for (const [op, entry] of originals) {
    table[op] = {
      ...entry,
      opHandler: (runState, common) => {
        const interpreter = runState.interpreter;
        if (!patched && interpreter !== undefined) {
          patch(Object.getPrototypeOf(interpreter) as InterpreterLike);
          patched = true;
        }
        for (const [o, e] of originals) table[o] = e;
        return entry.opHandler(runState, common);
      },
    };
  }
}
