/**
 * The `Scenario`: everything one run needs, as plain JSON-shaped data.
 *
 * Quantities are lowercase `0x` hex strings (no leading zeros, `0x0` for zero) and byte strings are `0x` hex, so a
 * scenario survives JSON, structured clone (workers) and URLs unchanged. The EVM layer converts to bytes and bigints.
 * Validation (`schema.ts`) normalises input into exactly this shape; nothing downstream re-checks it.
 */

/** `0x`-prefixed hex string. */
export type Hex = `0x${string}`;
/** 20-byte address, lowercase `0x` hex. */
export type Address = Hex;

export interface ChainConfig {
  /** EIP-155 chain id. */
  chainId: number;
  /** ethereumjs hardfork name, e.g. `muirGlacier`, `berlin`, `london`, `paris`, `shanghai`, `cancun`, `prague`. */
  hardfork: string;
}

export interface Withdrawal {
  index: Hex;
  validatorIndex: Hex;
  address: Address;
  /** In gwei, as in the block header. */
  amount: Hex;
}

export interface BlockEnv {
  number: Hex;
  timestamp: Hex;
  coinbase: Address;
  gasLimit: Hex;
  /** Present from London on. */
  baseFeePerGas?: Hex;
  /** Pre-merge difficulty (DIFFICULTY opcode); ignored once `prevRandao` applies. */
  difficulty?: Hex;
  /** 32 bytes; post-merge PREVRANDAO (the header's mixHash). */
  prevRandao?: Hex;
  /** Cancun: the EIP-4788 beacon root stored before the first transaction. */
  parentBeaconBlockRoot?: Hex;
  excessBlobGas?: Hex;
  /** Shanghai: credited after the last transaction. */
  withdrawals?: Withdrawal[];
  /** Pre-merge: uncle headers' (number, miner), for block and uncle rewards. */
  uncles?: { number: Hex; coinbase: Address }[];
  /** Answers for BLOCKHASH: decimal block number → 32-byte hash. */
  blockHashes: Record<string, Hex>;
}

export interface PreStateAccount {
  balance: Hex;
  nonce: Hex;
  /** Runtime bytecode; absent or `0x` for none. */
  code?: Hex;
  /** 32-byte slot → value (both `0x` hex; values without leading zeros). */
  storage?: Record<Hex, Hex>;
}

export type PreState = Record<Address, PreStateAccount>;

export interface AccessListItem {
  address: Address;
  storageKeys: Hex[];
}

export interface Signature {
  v: Hex;
  r: Hex;
  s: Hex;
}

/**
 * EIP-7702: the authority (recovered from the signature) lets its account run `address`'s code, if the account's
 * nonce is `nonce` and `chainId` is 0 or the chain's. Checked and applied by the EVM, in order, before the call.
 */
export interface Authorization {
  chainId: Hex;
  address: Address;
  nonce: Hex;
  yParity: Hex;
  r: Hex;
  s: Hex;
}

/** EIP-2718 transaction types: 0 legacy, 1 access list, 2 dynamic fee, 3 blob (EIP-4844), 4 set code (EIP-7702). */
export type TxType = 0 | 1 | 2 | 3 | 4;

export interface ScenarioTx {
  /** EIP-2718 type: 0 legacy, 1 access list, 2 dynamic fee, 3 blob (EIP-4844), 4 set code (EIP-7702). */
  type: TxType;
  /** Sender. Optional when `signature` is given (then it is recovered, or trusted with `trustFrom`). */
  from?: Address;
  /** Recipient; `null` creates a contract. */
  to: Address | null;
  nonce: Hex;
  value: Hex;
  input: Hex;
  gas: Hex;
  /** Types 0 and 1. */
  gasPrice?: Hex;
  /** Types 2 and 3. */
  maxFeePerGas?: Hex;
  maxPriorityFeePerGas?: Hex;
  /** Type 3: the most the sender pays per unit of blob gas. */
  maxFeePerBlobGas?: Hex;
  /** Type 3: the versioned hashes of its blobs (the blobs themselves travel beside the block, not in it). */
  blobVersionedHashes?: Hex[];
  accessList?: AccessListItem[];
  /** Type 4: the accounts that delegate to code (EIP-7702), applied in order before the call. */
  authorizationList?: Authorization[];
  /** Chain id the transaction was signed for (types 1, 2 and EIP-155 legacy). */
  chainId?: Hex;
  /** The real signature, when the transaction comes from a block. */
  signature?: Signature;
  /** Transaction hash, informational. */
  hash?: Hex;
  /** A short human label ("transfer", "swap"), informational. */
  label?: string;
}

/** What a real block's header says the execution must reproduce. */
export interface ExpectedHeader {
  gasUsed: Hex;
  receiptsRoot: Hex;
  logsBloom: Hex;
  stateRoot?: Hex;
  /** The root of the block's transaction trie: whether the transactions are the block's, in its order. */
  transactionsRoot?: Hex;
}

export interface Scenario {
  /** Format version of the scenario file. */
  version: 1;
  name: string;
  description?: string;
  chain: ChainConfig;
  block: BlockEnv;
  preState: PreState;
  transactions: ScenarioTx[];
  /** For block bundles: the header values to verify against. */
  expected?: ExpectedHeader;
  /**
   * Whether `preState` is the block's whole pre-state, so that a run's state root can equal the header's. Set by the
   * loaders: `false` for a bundle built from a prestate trace (only what the block touches); absent or `true` for
   * fixtures, generated and hand-written scenarios (`preStateIsComplete`).
   */
  preStateComplete?: boolean;
}

/** Whether a run of `s` can reproduce a state root: its pre-state holds every account (see `preStateComplete`). */
export function preStateIsComplete(s: Pick<Scenario, 'preStateComplete'>): boolean {
  return s.preStateComplete !== false;
}

/** How senders are determined. */
export type SenderMode = 'recover' | 'trust';
