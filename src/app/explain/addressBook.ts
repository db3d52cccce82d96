/**
 * Names for the addresses of a scenario, the way a teacher would say them: contracts by what they are (`Pool 0`,
 * `Counter`, the editor's own contract by its own name), the people who send and receive by name (`Alice`, `Bob`),
 * the block's fee recipient and the deployer by role. Real blocks keep short hex for people: a name there would
 * invent an identity.
 *
 * A contract is recognised by its code: a pre-state account whose runtime code hashes to a known contract's, or a
 * deployment whose input starts with a known creation code. Several of a kind are numbered (by address, then by
 * deployment order), unless a deployment's label names it (`setup: deploy pool 0 token0`) or another contract's
 * address-typed variable points at it (`Pool 0`'s `token0` → `Pool 0 token0`).
 */
import type { Address, Hex, Scenario } from '../../engine/scenario/types.ts';
import { contractAddress, keccak256 } from '../../workloads/abi.ts';
import type { ContractDoc } from '../../workloads/compiler/contractDocs.ts';

export type NameKind = 'contract' | 'person' | 'coinbase' | 'deployer' | 'account';

export interface Named {
  name: string;
  kind: NameKind;
  /** The contract's doc, when the page knows its source. */
  doc?: ContractDoc;
}

/** Who the people of a made-up block are, in order of first appearance (the cryptographers' cast). */
export const PEOPLE = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Niaj', 'Olivia', 'Peggy', 'Rupert', 'Sybil', 'Trent', 'Victor', 'Walter', 'Wendy'];

/** Unprefixed lowercase: how state keys spell an address. */
export const bare = (a: string): string => (a.charCodeAt(0) === 48 && (a.charCodeAt(1) | 32) === 120 ? a.slice(2) : a).toLowerCase();
/** `0x5e4d…0003`. */
export const shortAddress = (a: string): string => {
  const b = bare(a);
  return `0x${b.slice(0, 4)}…${b.slice(-4)}`;
};

/** The 32-byte words of a call's arguments (after the selector), as 64 hex digits. */
export function callWords(input: string): string[] {
  const out: string[] = [];
  for (let i = 10; i + 64 <= input.length; i += 64) out.push(input.slice(i, i + 64).toLowerCase());
  return out;
}

const ZERO_BYTES_12 = '0'.repeat(24);
/** Whether the 32-byte word at `at` of `hex` is plausibly an address: 12 zero bytes, then a non-zero digit (amounts
 * and ids are far smaller). Tested in place: slicing every word of 20,000 calls cost more than naming them. */
function addressWordAt(hex: string, at: number): boolean {
  if (!hex.startsWith(ZERO_BYTES_12, at)) return false;
  const c = hex.charCodeAt(at + 24) | 32; // lower-cased letter; digits are unchanged
  return (c >= 49 && c <= 57) || (c >= 97 && c <= 102);
}

/** What the page knows about contracts besides the scenario. */
export interface KnownContracts {
  /** Known contracts by name, recognised by their code (the project's: `contracts/docs.json`). */
  docs?: Readonly<Record<string, ContractDoc>>;
  /** Contracts at known addresses (the editor's own, named by the user). */
  placed?: readonly { address: string; doc: ContractDoc }[];
  /** Each transaction's sender, when a run recovered them (real blocks carry signatures, not senders). */
  senders?: readonly string[];
}

interface Found {
  addr: string;
  doc: ContractDoc;
  label?: string;
  explicit?: boolean;
}

/** Code hashes by code: a block holds many copies of one contract (64 pools: 64 hashes of the same 5 kB), and the
 * page names the same scenario's contracts again after every run. Bounded: old entries go first. */
const codeHashes = new Map<string, Hex>();
function codeHash(code: string): Hex {
  let h = codeHashes.get(code);
  if (h === undefined) {
    h = keccak256(code.toLowerCase() as Hex);
    if (codeHashes.size >= 256) codeHashes.delete(codeHashes.keys().next().value!);
    codeHashes.set(code, h);
  }
  return h;
}

export class AddressBook {
  private readonly names = new Map<string, Named>();
  private readonly senders: readonly string[];
  /** People are named on the first question about one (a pass over every transaction: on a 20,000-transaction run
   * the page asks nothing of the kind until a conflict or a transaction is shown). */
  private peopleNamed = false;
  /** Every address the scenario mentions (made on demand). */
  private everyAddress: string[] | null = null;

  constructor(readonly scenario: Scenario, known: KnownContracts = {}) {
    const docs = known.docs ?? {};
    this.senders = known.senders ?? [];
    const found = [...this.byCode(docs), ...this.byDeployment(docs)];
    for (const p of known.placed ?? []) {
      const at = found.findIndex((f) => f.addr === bare(p.address));
      if (at >= 0) found.splice(at, 1);
      found.push({ addr: bare(p.address), doc: p.doc, explicit: true });
    }
    this.nameContracts(found);
    const pre = scenario.preState as Record<string, { code?: string }>;
    for (const a in pre) {
      const code = pre[a]!.code;
      if (!code || code === '0x') continue;
      const b = bare(a);
      if (!this.names.has(b)) this.names.set(b, { name: `contract ${shortAddress(a)}`, kind: 'contract' });
    }
    this.names.set(bare(scenario.block.coinbase), { name: 'the fee recipient', kind: 'coinbase' });
  }

  /** The name of `addr` (any case, with or without 0x). */
  of(addr: string): Named {
    const a = bare(addr);
    const hit = this.names.get(a);
    if (hit) return hit;
    if (!this.peopleNamed) {
      this.namePeople();
      const person = this.names.get(a);
      if (person) return person;
    }
    return { name: shortAddress(a), kind: 'account' };
  }

  /** Transaction `i`'s sender (`0x`-prefixed as given), when known. */
  sender(i: number): string | undefined {
    return this.senders[i] ?? this.scenario.transactions[i]?.from;
  }

  /** Every address the scenario mentions (unprefixed), for naming mapping entries keyed by address. */
  addresses(): string[] {
    if (!this.everyAddress) {
      const all = new Set<string>();
      for (const a in this.scenario.preState) all.add(bare(a));
      for (const [a, n] of this.names) if (n.kind === 'contract' && n.doc) all.add(a);
      this.scenario.transactions.forEach((tx, i) => {
        const from = this.sender(i);
        if (from) all.add(bare(from));
        if (tx.to) all.add(bare(tx.to));
        for (let at = 10; at + 64 <= tx.input.length; at += 64) if (addressWordAt(tx.input, at)) all.add(tx.input.slice(at + 24, at + 64).toLowerCase());
      });
      this.everyAddress = [...all];
    }
    return this.everyAddress;
  }

  private byCode(docs: Readonly<Record<string, ContractDoc>>): Found[] {
    const byLength = new Map<number, ContractDoc[]>();
    for (const d of Object.values(docs)) if (d.codeHash && d.codeLength) byLength.set(d.codeLength, [...(byLength.get(d.codeLength) ?? []), d]);
    const out: Found[] = [];
    const pre = this.scenario.preState as Record<string, { code?: string }>;
    // Only accounts whose code has a known contract's length are hashed (and sorted, for stable numbering).
    const candidates: string[] = [];
    for (const addr in pre) {
      const code = pre[addr]!.code;
      if (code && byLength.has((code.length - 2) / 2)) candidates.push(addr);
    }
    for (const addr of candidates.sort()) {
      const code = pre[addr]!.code!;
      const same = byLength.get((code.length - 2) / 2);
      if (!same) continue;
      const hash = codeHash(code);
      const doc = same.find((d) => d.codeHash === hash);
      if (doc) out.push({ addr: bare(addr), doc });
    }
    return out;
  }

  private byDeployment(docs: Readonly<Record<string, ContractDoc>>): Found[] {
    const nonces = new Map<string, bigint>();
    const out: Found[] = [];
    for (const tx of this.scenario.transactions) {
      const from = tx.from ? bare(tx.from) : undefined;
      if (tx.to !== null || !from) continue;
      const nonce = BigInt(tx.nonce);
      nonces.set(from, nonce + 1n);
      const doc = Object.values(docs).find((d) => d.creationHash && d.creationLength && tx.input.length >= 2 + 2 * d.creationLength && keccak256(tx.input.slice(0, 2 + 2 * d.creationLength).toLowerCase() as Hex) === d.creationHash);
      if (!doc) continue;
      const label = /deploy (.+)$/.exec(tx.label ?? '')?.[1];
      out.push({ addr: bare(contractAddress(`0x${from}`, nonce)), doc, ...(label ? { label: label[0]!.toUpperCase() + label.slice(1) } : {}) });
      this.names.set(from, { name: 'the deployer', kind: 'deployer' });
    }
    return out;
  }

  /** Labels and explicit names first; then what another contract points at; then numbers within a kind. */
  private nameContracts(found: Found[]): void {
    const referrer = new Map<string, { from: Found; variable: string }[]>();
    for (const f of found) {
      const storage = this.scenario.preState[`0x${f.addr}` as Address]?.storage ?? {};
      for (const v of f.doc.storage) {
        if (v.offset !== 0 || v.type.kind !== 'value' || !/^(address|contract )/.test(v.type.label)) continue;
        const value = storage[`0x${BigInt(v.slot).toString(16).padStart(64, '0')}` as Hex];
        if (!value) continue;
        const target = BigInt(value).toString(16).padStart(40, '0');
        referrer.set(target, [...(referrer.get(target) ?? []), { from: f, variable: v.label }]);
      }
    }
    const pointedAt = (f: Found) => !f.label && !f.explicit && referrer.get(f.addr)?.length === 1;
    const plain = found.filter((f) => !f.label && !f.explicit && !pointedAt(f));
    const count = new Map<string, number>();
    for (const f of plain) count.set(f.doc.name, (count.get(f.doc.name) ?? 0) + 1);
    const next = new Map<string, number>();
    const set = (f: Found, name: string) => {
      this.names.set(f.addr, { name, kind: 'contract', doc: f.doc });
    };
    for (const f of found) {
      if (f.label || f.explicit) set(f, f.label ?? f.doc.name);
      else if (!pointedAt(f)) {
        const i = next.get(f.doc.name) ?? 0;
        next.set(f.doc.name, i + 1);
        set(f, count.get(f.doc.name)! > 1 ? `${f.doc.name} ${i}` : f.doc.name);
      }
    }
    for (const f of found.filter(pointedAt)) {
      const { from, variable } = referrer.get(f.addr)![0]!;
      set(f, `${this.names.get(from.addr)?.name ?? from.doc.name} ${variable}`);
    }
  }

  private namePeople(): void {
    this.peopleNamed = true;
    const s = this.scenario;
    const real = s.expected !== undefined;
    let n = 0;
    // Every account with code is named already (a contract): one lookup tells a new person.
    const person = (a: string | null | undefined) => {
      if (!a) return;
      const addr = bare(a);
      if (this.names.has(addr)) return;
      this.names.set(addr, { name: real ? shortAddress(addr) : (PEOPLE[n] ?? `account #${n + 1}`), kind: 'person' });
      n++;
    };
    const visit = (i: number) => {
      const tx = s.transactions[i]!;
      person(this.sender(i));
      person(tx.to);
      const input = tx.input;
      for (let at = 10; at + 64 <= input.length; at += 64) if (addressWordAt(input, at)) person(input.slice(at + 24, at + 64));
    };
    // The block's own transactions name people first; set-up calls (mints, approvals) after them.
    const setup: number[] = [];
    for (let i = 0; i < s.transactions.length; i++) {
      const label = s.transactions[i]!.label;
      if (label !== undefined && /^setup\b/.test(label)) setup.push(i);
      else visit(i);
    }
    for (const i of setup) visit(i);
  }
}
