/** Scenario transactions as ethereumjs transactions, and sender recovery. */
import type { Common } from '@ethereumjs/common';
import { type TypedTransaction, createTx, paramsTx } from '@ethereumjs/tx';
import { Address, bigIntToUnpaddedBytes, hexToBytes } from '@ethereumjs/util';
import type { Hex, ScenarioTx, SenderMode } from '../scenario/types.ts';

/** Builds the transaction. `freeze: false` so that a known sender can be installed without signature recovery. */
export function buildTx(tx: ScenarioTx, common: Common): TypedTransaction {
  const data: Record<string, unknown> = {
    type: tx.type,
    nonce: BigInt(tx.nonce),
    gasLimit: BigInt(tx.gas),
    to: tx.to ?? undefined,
    value: BigInt(tx.value),
    data: hexToBytes(tx.input),
  };
  if (tx.type >= 2) {
    data.maxFeePerGas = BigInt(tx.maxFeePerGas!);
    data.maxPriorityFeePerGas = BigInt(tx.maxPriorityFeePerGas!);
  } else {
    data.gasPrice = BigInt(tx.gasPrice!);
  }
  if (tx.type === 3) {
    data.maxFeePerBlobGas = BigInt(tx.maxFeePerBlobGas!);
    data.blobVersionedHashes = tx.blobVersionedHashes!;
  }
  if (tx.type === 4) {
    // As RLP items, numbers without leading zero bytes: the authority signed exactly these bytes (ethereumjs's JSON
    // form would read `0x0` as the byte 0x00, and the recovered authority would be a stranger).
    const num = (x: Hex) => bigIntToUnpaddedBytes(BigInt(x));
    data.authorizationList = (tx.authorizationList ?? []).map((a) => [num(a.chainId), hexToBytes(a.address), num(a.nonce), num(a.yParity), num(a.r), num(a.s)]);
  }
  if (tx.type !== 0) {
    data.chainId = tx.chainId !== undefined ? BigInt(tx.chainId) : common.chainId();
    data.accessList = (tx.accessList ?? []).map((i) => [hexToBytes(i.address), i.storageKeys.map((k) => hexToBytes(k))]);
  }
  if (tx.signature) {
    data.v = BigInt(tx.signature.v);
    data.r = BigInt(tx.signature.r);
    data.s = BigInt(tx.signature.s);
  }
  return createTx(data as Parameters<typeof createTx>[0], { common: txCommon(common), freeze: false });
}

const txCommons = new WeakMap<Common, Common>();

/**
 * One Common for every transaction of a scenario. ethereumjs copies the Common into each transaction and merges the
 * transaction params into the copy (~0.2 ms and tens of kB each): for 10,000 transactions on 4 workers that alone
 * was most of a gigabyte. Transactions only read their Common (the hardfork is fixed per scenario), so they share
 * one, prepared once.
 */
function txCommon(common: Common): Common {
  let shared = txCommons.get(common);
  if (shared === undefined) {
    shared = common.copy();
    shared.updateParams(paramsTx);
    shared.copy = () => shared!;
    shared.updateParams = () => shared!;
    txCommons.set(common, shared);
  }
  return shared;
}

/** Installs a known sender, so the VM never recovers it (recovery is its own phase). */
export function setSender(tx: TypedTransaction, sender: Hex): void {
  const address = new Address(hexToBytes(sender));
  (tx as { getSenderAddress: () => Address }).getSenderAddress = () => address;
}

/** Whether this transaction's sender must be recovered from its signature under `mode`. */
export function needsRecovery(tx: ScenarioTx, mode: SenderMode): boolean {
  return tx.signature !== undefined && (mode === 'recover' || tx.from === undefined);
}

/**
 * Recovers the sender from the signature (ECDSA through `common.customCrypto.ecrecover`: libsecp256k1 in WASM once
 * `secp256k1.ts` has loaded it on this thread, ~0.3–0.5 ms here; ~2–4 ms in pure JS). Throws a readable error on a
 * bad signature.
 */
export function recoverSender(tx: ScenarioTx, common: Common): Hex {
  try {
    return buildTx(tx, common).getSenderAddress().toString() as Hex;
  } catch (e) {
    throw new Error(`cannot recover the sender from the signature: ${(e as Error).message}`, { cause: e });
  }
}
