/**
 * Calldata encoders that hash their function selector once. The contract helpers (`Token.transfer`, …) run keccak
 * over the signature on every call, which at 100,000 transactions is a third of the generator's time; here the
 * helper is called once, for its selector, and only the arguments are encoded per transaction.
 */
import type { Address, Hex } from '../../engine/scenario/types.ts';
import { word, type AbiArg } from '../abi.ts';

/** An address-typed zero, for sample calls. */
export const ZERO: Address = `0x${'00'.repeat(20)}`;

/** `sample`: any calldata of the function (its first 4 bytes are the selector). */
export function encoder<A extends AbiArg[]>(sample: Hex): (...args: A) => Hex {
  const selector = sample.slice(0, 10);
  return (...args) => {
    let out = selector;
    for (const a of args) out += word(a);
    return out as Hex;
  };
}
