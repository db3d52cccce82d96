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
export const bare = (a: string): string => a.replace(/^0x/i, '').toLowerCase();
/** `0x5e4d…0003`. */
export const shortAddress = (a: string): string => `0x${bare(a).slice(0, 4)}…${bare(a).slice(-4)}`;

/** The 32-byte words of a call's arguments (after the selector), as 64 hex digits. */
export function callWords(input: string): string[] {
  const out: string[] = [];
  for (let i = 10; i + 64 <= input.length; i += 64) out.push(input.slice(i, i + 64).toLowerCase());
  return out;
}

/** A word that is plausibly an address: 20 bytes whose top byte is set (amounts and ids are far smaller). */
const addressLike = (w: string): boolean => /^0{24}[1-9a-f]/.test(w);

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

export class AddressBook {
  private readonly names = new Map<string, Named>();
  private readonly everyAddress = new Set<string>();
  private readonly senders: readonly string[];

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
    for (const [a, acct] of Object.entries(scenario.preState)) {
      if (acct.code && acct.code !== '0x' && !this.names.has(bare(a))) this.names.set(bare(a), { name: `contract ${shortAddress(a)}`, kind: 'contract' });
    }
    this.namePeople();
    for (const a of Object.keys(scenario.preState)) this.everyAddress.add(bare(a));
  }

  /** The name of `addr` (any case, with or without 0x). */
  of(addr: string): Named {
    const a = bare(addr);
    return this.names.get(a) ?? { name: shortAddress(a), kind: 'account' };
  }

  /** Transaction `i`'s sender (`0x`-prefixed as given), when known. */
  sender(i: number): string | undefined {
    return this.senders[i] ?? this.scenario.transactions[i]?.from;
  }

  /** Every address the scenario mentions (unprefixed), for naming mapping entries keyed by address. */
  addresses(): string[] {
    return [...this.everyAddress];
  }

  private byCode(docs: Readonly<Record<string, ContractDoc>>): Found[] {
    const byLength = new Map<number, ContractDoc[]>();
    for (const d of Object.values(docs)) if (d.codeHash && d.codeLength) byLength.set(d.codeLength, [...(byLength.get(d.codeLength) ?? []), d]);
    const out: Found[] = [];
    for (const addr of Object.keys(this.scenario.preState).sort()) {
      const code = this.scenario.preState[addr as Address]!.code;
      const same = code && byLength.get((code.length - 2) / 2);
      if (!same) continue;
      const hash = keccak256(code.toLowerCase() as Hex);
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
      this.everyAddress.add(f.addr);
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
    const s = this.scenario;
    const coinbase = bare(s.block.coinbase);
    this.names.set(coinbase, { name: 'the fee recipient', kind: 'coinbase' });
    const real = s.expected !== undefined;
    let n = 0;
    const person = (a: string | null | undefined) => {
      if (!a) return;
      const addr = bare(a);
      this.everyAddress.add(addr);
      if (this.names.has(addr) || s.preState[`0x${addr}` as Address]?.code) return;
      this.names.set(addr, { name: real ? shortAddress(addr) : (PEOPLE[n] ?? `account #${n + 1}`), kind: 'person' });
      n++;
    };
    // The block's own transactions name people first; set-up calls (mints, approvals) after them.
    const setup = (i: number) => /^setup\b/.test(s.transactions[i]?.label ?? '');
    const order = s.transactions.map((_, i) => i);
    for (const i of [...order.filter((i) => !setup(i)), ...order.filter(setup)]) {
      const tx = s.transactions[i]!;
      person(this.sender(i));
      person(tx.to);
      for (const w of callWords(tx.input)) if (addressLike(w)) person(w.slice(24));
    }
  }
}
