/**
 * State keys in words: `Pool 0.reserve0`, `Token 0.balances[Bob]`, `Alice's balance and nonce`, `Counter.count` —
 * from the address book (who an address is) and the storage layouts of the contracts the page knows. The hex form
 * (`describeKey`) stays alongside, as a detail. A slot of a contract without a layout is named by its number.
 */
import { describeKey, keyAddress, keyKind, parseSlotKey, type StateKey } from '../../engine/evm/keys.ts';
import { type AddressBook, type Named, callWords } from './addressBook.ts';
import { RealKeys } from './realKeys.ts';
import { type SlotName, SlotNamer } from './storageNames.ts';

export interface KeyName {
  key: StateKey;
  /** In words. */
  text: string;
  /** The hex form, for the detail line. */
  hex: string;
  /** Whose key it is. */
  owner: Named;
  /** For a slot of a contract with a known layout: the variable it holds. */
  slot?: SlotName;
}

const word = (hexNoPrefix: string): string => hexNoPrefix.toLowerCase().padStart(64, '0');

/** `Alice's`, `Pool 0's`. */
export const possessive = (name: string): string => `${name}’s`;

export class KeyNamer {
  private readonly slots = new SlotNamer();
  private readonly named = new Map<string, KeyName>();
  private addressWords: string[] | undefined;
  /** For a real block: what its own data says about keys no layout names (`realKeys.ts`), made on first need. */
  private real: RealKeys | undefined;

  constructor(readonly book: AddressBook) {}

  /** A real block's key that the block's data recognises (a token balance, a pair's reserves, WETH's own balance). */
  private recognised(key: StateKey, txs: readonly number[]): string | undefined {
    const s = this.book.scenario;
    if (s.expected === undefined) return undefined;
    this.real ??= new RealKeys(s, { senders: s.transactions.map((_, i) => this.book.sender(i) ?? '') });
    const r = this.real.name(key, txs);
    return r.kind === 'token balance' || r.kind === 'reserves' || r.kind === 'mapping' || r.kind === 'contract balance' ? r.text : undefined;
  }

  /** `key` in words; `txs` are the transactions involved with it (their words are the likeliest mapping keys). */
  name(key: StateKey, txs: readonly number[] = []): KeyName {
    const hit = this.named.get(key);
    if (hit) return hit;
    const owner = this.book.of(keyAddress(key));
    const base = { key, hex: describeKey(key), owner };
    let out: KeyName;
    const recognised = owner.doc ? undefined : (keyKind(key) === 'slot' || owner.kind === 'contract') && this.recognised(key, txs);
    if (recognised) {
      out = { ...base, text: recognised };
      this.named.set(key, out);
      return out;
    }
    switch (keyKind(key)) {
      case 'account':
        out = { ...base, text: owner.kind === 'coinbase' ? `${possessive(owner.name)} balance` : `${possessive(owner.name)} balance and nonce` };
        break;
      case 'code':
        out = { ...base, text: `${possessive(owner.name)} code` };
        break;
      case 'gen':
        out = { ...base, text: `${possessive(owner.name)} storage generation (how often it was wiped)` };
        break;
      case 'slot': {
        const { slot } = parseSlotKey(key);
        const found = owner.doc ? this.slots.name(owner.doc.storage, BigInt(`0x${slot}`), { context: this.words(txs), addresses: () => this.allAddresses() }) : null;
        const n = BigInt(`0x${slot}`);
        const number = n < 1n << 64n ? n.toString() : `0x${slot.replace(/^0+/, '').slice(0, 8)}…`;
        out = found
          ? { ...base, text: `${owner.name}.${this.pathText(found)}`, slot: found }
          : { ...base, text: owner.doc ? `${owner.name} storage slot ${number}` : `storage slot ${number} of ${owner.name}` };
        if (!found && owner.doc) return out; // another context may still name it
        break;
      }
    }
    this.named.set(key, out);
    return out;
  }

  /** `reserve0`, `balances[Bob]`, `proposals[3].yes`. */
  pathText(s: SlotName): string {
    let text = s.variable;
    for (const p of s.path) {
      if ('member' in p) text += `.${p.member}`;
      else if ('index' in p) text += `[${p.index}]`;
      else text += `[${this.keyText(p.key, p.keyType)}]`;
    }
    return text;
  }

  /** A mapping key as a person reads it: an address by its name, a number in decimal. */
  keyText(w: string, keyType: string): string {
    if (keyType === 'address' || keyType.startsWith('contract ') || keyType === 'address payable') return this.book.of(w.slice(24)).name;
    if (keyType === 'bool') return BigInt(`0x${w}`) === 0n ? 'false' : 'true';
    const n = BigInt(`0x${w}`);
    return /^u?int/.test(keyType) && n < 1n << 64n ? n.toString() : `0x${w.replace(/^0+/, '').slice(0, 8)}…`;
  }

  /** The words a transaction used: its sender and target, and its call's arguments. */
  private words(txs: readonly number[]): string[] {
    const s = this.book.scenario;
    const out = new Set<string>();
    for (const i of txs) {
      const tx = s.transactions[i];
      if (!tx) continue;
      const from = this.book.sender(i);
      if (from) out.add(word(from.replace(/^0x/, '')));
      if (tx.to) out.add(word(tx.to.slice(2)));
      for (const w of callWords(tx.input)) out.add(w);
    }
    return [...out];
  }

  private allAddresses(): string[] {
    return (this.addressWords ??= this.book.addresses().map(word));
  }
}
