/**
 * A blockchain test's block given only as RLP, read into the fixtures' decoded form (`scenario/fixture.ts` takes it
 * from there as if the fixture had written it out). The fork comes from the test's network at the block's own number
 * and timestamp (header fields 8 and 11), so a block is read with the rules it claims to follow; whatever ethereumjs
 * refuses to decode is an error with its words (for a block invalid on purpose, the refusal it should get).
 */
import { createBlockFromRLP } from '@ethereumjs/block';
import { RLP } from '@ethereumjs/rlp';
import { bytesToBigInt, bytesToHex, hexToBytes } from '@ethereumjs/util';
import type { NetworkSchedule } from '../scenario/fixtureNetworks.ts';
import { createCommon } from './chain.ts';

export function decodeBlockRlp(rlp: string, schedule: NetworkSchedule): Record<string, unknown> {
  if (!/^0x([0-9a-f]{2})*$/i.test(rlp)) throw new Error('expected 0x-prefixed hex bytes');
  const bytes = hexToBytes(rlp as `0x${string}`);
  const fields = RLP.decode(bytes);
  const header = Array.isArray(fields) ? fields[0] : undefined;
  if (!Array.isArray(header) || !(header[8] instanceof Uint8Array) || !(header[11] instanceof Uint8Array)) {
    throw new Error('expected a block: a list whose first item is a header list');
  }
  const hardfork = schedule({ number: bytesToBigInt(header[8]), timestamp: bytesToBigInt(header[11]) });
  const common = createCommon({ chain: { chainId: 1, hardfork } });
  const block = createBlockFromRLP(bytes, { common, setHardfork: false });
  const h = block.header.toJSON();
  return {
    blockHeader: { ...h, bloom: h.logsBloom, hash: bytesToHex(block.hash()) },
    // ethereumjs writes a creation's missing recipient as no field; the fixtures write "".
    transactions: block.transactions.map((tx) => ({ ...tx.toJSON(), to: tx.to?.toString() ?? '' })),
    uncleHeaders: block.uncleHeaders.map((u) => ({ number: `0x${u.number.toString(16)}`, coinbase: u.coinbase.toString() })),
    ...(block.withdrawals ? { withdrawals: block.withdrawals.map((w) => w.toJSON()) } : {}),
  };
}
