/**
 * Values as a person reads them, by what the key holds: an address-typed slot by the address's name, a flag as
 * true/false, an amount in decimal (large ones in units of 10¹⁸, as token amounts and wei usually are), an account
 * as the fields that matter. A value read and the value it should have been are shown to the precision that tells
 * them apart.
 */
import { groupDigits } from '../format.ts';
import type { TraceValue } from '../../engine/trace/events.ts';
import type { KeyName } from './keyNames.ts';
import type { AddressBook } from './addressBook.ts';

type Account = { nonce: string; balance: string; codeHash?: string };
const isAccount = (v: TraceValue | undefined): v is Account => typeof v === 'object' && v !== null;

/** `1,234` below 10¹⁵; `1,000,000.25 ×10¹⁸` above, with `digits` decimals at most (trailing zeros dropped). */
export function formatAmount(v: bigint, digits = 4, unit = '×10¹⁸'): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  if (a < 10n ** 15n) return `${neg ? '−' : ''}${groupDigits(a)}`;
  const whole = a / 10n ** 18n;
  const scale = 10n ** BigInt(18 - digits);
  const frac = ((a % 10n ** 18n) / scale).toString().padStart(digits, '0').replace(/0+$/, '');
  const approx = a % scale !== 0n ? '≈ ' : '';
  return `${neg ? '−' : ''}${approx}${groupDigits(whole)}${frac ? `.${frac}` : ''} ${unit}`;
}

/** Two amounts, each with enough decimals that they read differently. */
function amountsApart(a: bigint, b: bigint, unit?: string): [string, string] {
  for (let d = 2; d <= 18; d++) {
    const x = formatAmount(a, d, unit);
    const y = formatAmount(b, d, unit);
    if (x !== y) return [x, y];
  }
  return [formatAmount(a, 18, unit), formatAmount(b, 18, unit)];
}

/** One slot value, as its type says. */
function slotValue(v: bigint, k: KeyName, book: AddressBook): string {
  const type = k.slot?.type;
  const label = type?.kind === 'value' ? type.label : '';
  if (label === 'bool') return v === 0n ? 'false' : 'true';
  if (label === 'address' || label.startsWith('contract ')) return v === 0n ? 'the zero address' : book.of(v.toString(16).padStart(40, '0')).name;
  return formatAmount(v);
}

function accountText(a: Account | null, fields: readonly ('nonce' | 'balance')[]): string {
  if (a === null) return 'no account (never used)';
  return fields.map((f) => (f === 'nonce' ? `nonce ${BigInt(a.nonce)}` : `balance ${wei(formatAmount(BigInt(a.balance), 4, 'ETH'))}`)).join(', ');
}

/**
 * What an execution read and what it should have seen, in words. For an account only the fields that differ are
 * shown; for amounts, with the difference.
 */
export function describeValues(read: TraceValue | undefined, expected: TraceValue | undefined, k: KeyName, book: AddressBook): { read?: string; expected?: string; change?: string } {
  if (read === undefined) return {};
  if (isAccount(read) || isAccount(expected) || read === null || expected === null) {
    const r = isAccount(read) ? read : null;
    const e = expected === undefined ? undefined : isAccount(expected) ? expected : null;
    const fields = (['nonce', 'balance'] as const).filter((f) => !r || !e || r[f] !== e[f]);
    const shown = fields.length > 0 ? fields : (['nonce', 'balance'] as const);
    if (r && e && fields.length === 1 && fields[0] === 'balance') {
      const [x, y] = amountsApart(BigInt(r.balance), BigInt(e.balance), 'ETH');
      return { read: `balance ${wei(x)}`, expected: `balance ${wei(y)}`, change: changeText(BigInt(e.balance) - BigInt(r.balance), 'ETH') };
    }
    return { read: accountText(r, shown), ...(e !== undefined ? { expected: accountText(e, shown) } : {}) };
  }
  if (typeof read === 'number' || typeof expected === 'number') return { read: String(read), ...(expected !== undefined ? { expected: String(expected) } : {}) };
  if (k.key.startsWith('c')) return { read: `code ${short(read)}`, ...(expected !== undefined ? { expected: `code ${short(String(expected))}` } : {}) };
  const r = BigInt(read);
  if (expected === undefined) return { read: slotValue(r, k, book) };
  const e = BigInt(expected);
  const type = k.slot?.type;
  const numeric = !type || (type.kind === 'value' && /^u?int/.test(type.label));
  if (!numeric) return { read: slotValue(r, k, book), expected: slotValue(e, k, book) };
  const [x, y] = amountsApart(r, e);
  return { read: x, expected: y, change: changeText(e - r) };
}

/** An amount formatted with the `ETH` unit is in ether; one too small for it is in wei. */
const wei = (s: string): string => (s.endsWith(' ETH') ? s : `${s} wei`);
const short = (h: string): string => `${h.slice(0, 10)}…`;

function changeText(d: bigint, unit?: string): string {
  const text = formatAmount(d < 0n ? -d : d, 6, unit);
  const shown = unit === 'ETH' ? wei(text) : text;
  return d < 0n ? `${shown} less` : `${shown} more`;
}
