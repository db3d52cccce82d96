/**
 * A transaction before the generator settles its nonce, fees and access list: who calls what, with how much gas,
 * and which storage keys it touches (what an exact access list declares).
 */
import type { AccessListItem, Address, Hex } from '../../engine/scenario/types.ts';

export interface Draft {
  from: Address;
  /** `null` creates a contract. */
  to: Address | null;
  input: Hex;
  value: bigint;
  /** Gas limit before the access list's intrinsic cost is added. */
  gas: bigint;
  label: string;
  /**
   * The storage keys the transaction reads or writes, per contract: the exact access list. A function when the keys
   * are only known once the whole block is planned (a mint's token id depends on how many items were pre-minted),
   * and hashing slots costs time, so it is only asked for when access lists are on. Absent for setup transactions,
   * which carry no access list.
   */
  touches?: () => AccessListItem[];
}
