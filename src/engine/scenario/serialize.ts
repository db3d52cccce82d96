/**
 * Scenario → JSON text that is the same for equal scenarios: fields in the order the format documents them, map keys
 * (addresses, slots, block numbers) sorted, absent optional fields left out. Diffs and cache keys stay meaningful.
 */
import { compact } from './shapes.ts';
import type { BlockEnv, PreState, Scenario, ScenarioTx } from './types.ts';

export function serializeScenario(s: Scenario): string {
  return `${JSON.stringify(canonicalScenario(s), null, 2)}\n`;
}

/** The same scenario with its keys in canonical order. */
export function canonicalScenario(s: Scenario): Scenario {
  return compact({
    version: s.version,
    name: s.name,
    description: s.description,
    chain: { chainId: s.chain.chainId, hardfork: s.chain.hardfork },
    block: canonicalBlock(s.block),
    preState: canonicalPreState(s.preState),
    transactions: s.transactions.map(canonicalTx),
    expected: s.expected && compact({
      gasUsed: s.expected.gasUsed,
      receiptsRoot: s.expected.receiptsRoot,
      logsBloom: s.expected.logsBloom,
      stateRoot: s.expected.stateRoot,
      transactionsRoot: s.expected.transactionsRoot,
    }),
    preStateComplete: s.preStateComplete,
  });
}

function canonicalBlock(b: BlockEnv): BlockEnv {
  return compact({
    number: b.number,
    timestamp: b.timestamp,
    coinbase: b.coinbase,
    gasLimit: b.gasLimit,
    baseFeePerGas: b.baseFeePerGas,
    difficulty: b.difficulty,
    prevRandao: b.prevRandao,
    parentBeaconBlockRoot: b.parentBeaconBlockRoot,
    excessBlobGas: b.excessBlobGas,
    withdrawals: b.withdrawals?.map((w) => ({ index: w.index, validatorIndex: w.validatorIndex, address: w.address, amount: w.amount })),
    uncles: b.uncles?.map((u) => ({ number: u.number, coinbase: u.coinbase })),
    blockHashes: sortKeys(b.blockHashes, (a, c) => (BigInt(a) < BigInt(c) ? -1 : 1)),
  });
}

function canonicalPreState(p: PreState): PreState {
  const out: PreState = {};
  for (const address of Object.keys(p).sort() as (keyof PreState)[]) {
    const a = p[address]!;
    out[address] = compact({
      balance: a.balance,
      nonce: a.nonce,
      code: a.code,
      storage: a.storage && sortKeys(a.storage),
    });
  }
  return out;
}

function canonicalTx(t: ScenarioTx): ScenarioTx {
  return compact({
    type: t.type,
    label: t.label,
    from: t.from,
    to: t.to,
    nonce: t.nonce,
    value: t.value,
    input: t.input,
    gas: t.gas,
    gasPrice: t.gasPrice,
    maxFeePerGas: t.maxFeePerGas,
    maxPriorityFeePerGas: t.maxPriorityFeePerGas,
    maxFeePerBlobGas: t.maxFeePerBlobGas,
    blobVersionedHashes: t.blobVersionedHashes && [...t.blobVersionedHashes],
    accessList: t.accessList?.map((item) => ({ address: item.address, storageKeys: [...item.storageKeys] })),
    authorizationList: t.authorizationList?.map((a) => ({ chainId: a.chainId, address: a.address, nonce: a.nonce, yParity: a.yParity, r: a.r, s: a.s })),
    chainId: t.chainId,
    signature: t.signature && { v: t.signature.v, r: t.signature.r, s: t.signature.s },
    hash: t.hash,
  });
}

function sortKeys<K extends string, V>(record: Record<K, V>, order?: (a: string, b: string) => number): Record<K, V> {
  const out = {} as Record<K, V>;
  for (const key of (Object.keys(record) as K[]).sort(order)) out[key] = record[key];
  return out;
}
