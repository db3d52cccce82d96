/**
 * MSTORE and LOG0–LOG4 as ethereumjs writes them, but turning a stack word into 32 bytes without its
 * `setLengthLeft(bigIntToBytes(word), 32)`: that goes through a hex string and pads by spreading two arrays into a
 * third, and it was the largest single function of a sequential run of block 15,537,394 after garbage collection (7 %
 * of the worker's time: every MSTORE of every contract, every log topic). Only the conversion differs; the gas (each
 * opcode's dynamic gas handler, unchanged) and everything else are the library's.
 *
 * The handlers are swapped in the VM's own opcode table (`evm._opcodeMap`, which the interpreter reads for every
 * step), after checking that each entry is the opcode expected: with another layout the library's stay.
 */

const M64 = (1n << 64n) - 1n;

/** A 256-bit word as 32 big-endian bytes: what `setLengthLeft(bigIntToBytes(v), 32)` gives for 0 ≤ v < 2²⁵⁶. */
export function word32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  if (v === 0n) return out;
  const view = new DataView(out.buffer);
  view.setBigUint64(24, v & M64);
  if (v > M64) {
    if (v >> 256n !== 0n || v < 0n) throw new RangeError(`not a 256-bit word: ${v}`);
    view.setBigUint64(16, (v >> 64n) & M64);
    view.setBigUint64(8, (v >> 128n) & M64);
    view.setBigUint64(0, v >> 192n);
  }
  return out;
}

/** The parts of ethereumjs's run state these handlers use (`@ethereumjs/evm` `RunState`, not exported as such). */
interface RunState {
  opCode: number;
  stack: { popN(n: number): bigint[] };
  memory: { read(offset: number, size: number): Uint8Array; write(offset: number, size: number, value: Uint8Array): void };
  interpreter: { log(data: Uint8Array, numberOfTopics: number, topics: Uint8Array[]): void };
}
interface OpEntry {
  opcodeInfo: { name: string };
  opHandler: (runState: RunState, common: unknown) => void;
}

const MSTORE = 0x52;
const LOG0 = 0xa0;
const LOG4 = 0xa4;

function mstore(runState: RunState): void {
  const [offset, word] = runState.stack.popN(2);
  runState.memory.write(Number(offset), 32, word32(word));
}

function log(runState: RunState): void {
  const [memOffset, memLength] = runState.stack.popN(2);
  const topicsCount = runState.opCode - LOG0;
  const topics = runState.stack.popN(topicsCount).map((t) => word32(t));
  const data = memLength !== 0n ? runState.memory.read(Number(memOffset), Number(memLength)) : new Uint8Array(0);
  runState.interpreter.log(data, topicsCount, topics);
}

/** Gives `evm` (a VM's `vm.evm`) the handlers above; leaves it alone if its opcode table is not as expected. */
export function useFastOpcodes(evm: unknown): void {
  const table = (evm as { _opcodeMap?: (OpEntry | undefined)[] })._opcodeMap;
  if (table === undefined) return;
  const swaps: [number, OpEntry['opHandler']][] = [[MSTORE, mstore]];
  for (let op = LOG0; op <= LOG4; op++) swaps.push([op, log]);
  const expected = (op: number) => (op === MSTORE ? 'MSTORE' : 'LOG');
  if (!swaps.every(([op]) => table[op]?.opcodeInfo?.name === expected(op) && typeof table[op]?.opHandler === 'function')) return;
  for (const [op, handler] of swaps) table[op] = { ...table[op]!, opHandler: handler };
}
