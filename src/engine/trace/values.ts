/**
 * State values as plain trace data: a trace must survive JSON and structured clone, and a `bigint` survives only the
 * latter. The empty-code hash is left out of an account, so a plain account costs two short strings.
 */
import { EMPTY_CODE_HASH, type StateValue } from '../evm/keys.ts';
import type { TraceValue } from './events.ts';

export function traceValue(v: StateValue): TraceValue {
  if (v === null || typeof v === 'number') return v;
  if (typeof v === 'bigint') return `0x${v.toString(16)}`;
  if (typeof v === 'string') return `0x${v}`;
  const out: { nonce: string; balance: string; codeHash?: string } = { nonce: `0x${v.nonce.toString(16)}`, balance: `0x${v.balance.toString(16)}` };
  if (v.codeHash !== EMPTY_CODE_HASH) out.codeHash = `0x${v.codeHash}`;
  return out;
}
