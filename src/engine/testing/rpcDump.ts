/**
 * A node operator's dump of a block, rebuilt from a block bundle (for tests and the e2e fixtures): the
 * `eth_getBlockByNumber(n, true)` answer is the bundle's block as it is; the `debug_traceBlockByNumber(n,
 * {tracer: "prestateTracer"})` answer spreads the bundle's pre-state over the transactions the way a real trace does,
 * with every account and slot first seen with its true value and seen again, LATER, with a different one (what an
 * earlier transaction's writes would make a later pre-state say). A merge that let a later entry win would change
 * balances, nonces and slots, and the block would no longer replay to its header.
 *
 * Spelled as geth writes it: nonces as JSON numbers (left out when zero), checksum-cased addresses in half the
 * entries, storage values padded to 32 bytes, `storage` left out when empty.
 */

interface BundleLike {
  block: { transactions: { hash?: string }[] } & Record<string, unknown>;
  prestate: Record<string, { balance?: string; nonce?: number | string; code?: string; storage?: Record<string, string> }>;
}

export interface RpcDump {
  block: { jsonrpc: '2.0'; id: number; result: unknown };
  trace: { jsonrpc: '2.0'; id: number; result: { txHash?: string; result: Record<string, unknown> }[] };
}

const bump = (hex: string): string => `0x${(BigInt(hex) + 1n).toString(16)}`;
const pad32 = (hex: string): string => `0x${BigInt(hex).toString(16).padStart(64, '0')}`;
const upper = (address: string): string => `0x${address.slice(2).toUpperCase()}`;

/** `withHashes`: entries name their transaction (`txHash`), as geth does; older nodes do not. */
export function rpcDumpFromBundle(bundle: BundleLike, opts: { withHashes?: boolean } = {}): RpcDump {
  const txs = bundle.block.transactions;
  const n = txs.length;
  const entries: { txHash?: string; result: Record<string, unknown> }[] = txs.map((tx) => ({
    ...(opts.withHashes !== false && tx.hash ? { txHash: tx.hash } : {}),
    result: {},
  }));
  Object.entries(bundle.prestate).forEach(([address, account], k) => {
    const first = n === 0 ? -1 : k % n;
    if (first < 0) return;
    const slots = Object.entries(account.storage ?? {});
    const half = Math.ceil(slots.length / 2);
    const nonce = Number(account.nonce ?? 0);
    const spelled = k % 2 === 0 ? address : upper(address);
    // First sight: the true account, and the first half of its slots.
    entries[first]!.result[spelled] = geth(account.balance ?? '0x0', nonce, account.code, slots.slice(0, half));
    // A later sight (when there is a later transaction): wrong values for everything already seen, the true values of
    // the rest of the slots (first seen here).
    if (first + 1 < n) {
      const later = [...slots.slice(0, half).map(([s, v]) => [s, bump(v)] as [string, string]), ...slots.slice(half)];
      entries[first + 1]!.result[address.toLowerCase()] = geth(bump(account.balance ?? '0x0'), nonce + 1, account.code, later);
    } else if (slots.length > half) {
      // The last transaction: no later one, so every slot is first seen here.
      entries[first]!.result[spelled] = geth(account.balance ?? '0x0', nonce, account.code, slots);
    }
  });
  return {
    block: { jsonrpc: '2.0', id: 1, result: bundle.block },
    trace: { jsonrpc: '2.0', id: 2, result: entries },
  };
}

function geth(balance: string, nonce: number, code: string | undefined, slots: [string, string][]): Record<string, unknown> {
  const out: Record<string, unknown> = { balance };
  if (nonce !== 0) out['nonce'] = nonce;
  if (code && code !== '0x') out['code'] = code;
  if (slots.length > 0) out['storage'] = Object.fromEntries(slots.map(([s, v]) => [pad32(s), pad32(v)]));
  return out;
}
