import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accountKey, codeKey, slotKey } from '../../engine/evm/keys.ts';
import { parseScenarioText } from '../../engine/scenario/schema.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import { compile } from '../../workloads/compiler/node.ts';
import { Dao, Pool, Token } from '../../workloads/contracts/index.ts';
import { generatePreset } from '../../workloads/presets/index.ts';
import { PEOPLE, bare } from './addressBook.ts';
import { namesFor } from './index.ts';

const example = parseScenarioText(readFileSync(new URL('../../../examples/counter-demo.json', import.meta.url), 'utf8'));
const slotOf = (contract: string, slot: string) => slotKey(bare(contract), slot.slice(2), 0);

describe('names for addresses', () => {
  it('names the people of a made-up block in order of appearance, and the fee recipient by its role', () => {
    const book = namesFor(example).book;
    const t = example.transactions;
    expect([t[0]!.from, t[0]!.to, t[1]!.to, t[2]!.from, t[2]!.to].map((a) => book.of(a!).name)).toEqual(['Alice', 'Bob', 'Carol', 'Dave', 'Erin']);
    expect(book.of(example.block.coinbase).name).toBe('the fee recipient');
  });

  it('keeps short hex for the people of a real block: a name there would invent an identity', () => {
    const real = { ...example, expected: { gasUsed: '0x0', receiptsRoot: '0x0', logsBloom: '0x0' } } as Scenario;
    expect(namesFor(real).book.of(example.transactions[0]!.from!).name).toBe('0x0000…a11c');
  });

  it('recognises the project’s contracts by their code and numbers several of a kind; a pool’s tokens are named after it', () => {
    const s = generatePreset('many-pools', { txs: 40 }, 1);
    const book = namesFor(s).book;
    const pools = Object.keys(s.preState).filter((a) => book.of(a).doc?.name === 'Pool').sort();
    expect(pools.length).toBeGreaterThan(1);
    expect(pools.map((a) => book.of(a).name)).toEqual(pools.map((_, i) => `Pool ${i}`));
    const token0 = `0x${BigInt(s.preState[pools[0] as `0x${string}`]!.storage![Pool.slots.token0]!).toString(16).padStart(40, '0')}`;
    expect(book.of(token0)).toMatchObject({ name: 'Pool 0 token0', kind: 'contract' });
  });

  it('names contracts a block deploys from the deployment’s label, and their deployer by its role', () => {
    const s = generatePreset('dex-rush', { txs: 20, deploy: 'transactions' }, 1);
    const book = namesFor(s).book;
    const swap = s.transactions.find((t) => t.label === 'swap')!;
    expect(book.of(swap.to!).name).toBe('Pool 0');
    expect(book.of(s.transactions[0]!.from!).name).toBe('the deployer');
  });

  it('names the editor’s contract by its own name, not by a project contract with the same code', () => {
    const s = generatePreset('dex-rush', { txs: 10 }, 1);
    const pool = s.transactions[0]!.to!;
    const mine = { ...namesFor(s).book.of(pool).doc!, name: 'MyPool' };
    expect(namesFor(s, { placed: [{ address: pool, doc: mine }] }).book.of(pool).name).toBe('MyPool');
  });
});

describe('making names is cheap', () => {
  it('gives the same namer for the same scenario, senders and contracts, and a new one when they differ', () => {
    const s = generatePreset('dex-rush', { txs: 20 }, 1);
    const senders = s.transactions.map((t) => t.from!);
    expect(namesFor(s)).toBe(namesFor(s));
    expect(namesFor(s, { senders })).toBe(namesFor(s, { senders }));
    expect(namesFor(s, { senders })).not.toBe(namesFor(s));
    expect(namesFor({ ...s })).not.toBe(namesFor(s));
  });

  it('names people only when asked about one, in the same order as naming them all at once', () => {
    const s = generatePreset('independent-payments', { txs: 30 }, 1);
    let reads = 0;
    const counted = { ...s, transactions: s.transactions.map((t) => new Proxy(t, { get: (o, k) => (k === 'input' && reads++, Reflect.get(o, k)) })) } as Scenario;
    const book = namesFor(counted).book;
    expect(reads, 'no call data read to name the contracts').toBe(0);
    // Asked about the last person first: still named in order of appearance (payments carry no call data).
    const order = [...new Set(s.transactions.flatMap((t) => [t.from!, t.to!]).map((a) => a.toLowerCase()))];
    const expected = (a: string) => PEOPLE[order.indexOf(a.toLowerCase())] ?? `account #${order.indexOf(a.toLowerCase()) + 1}`;
    const last = s.transactions.at(-1)!;
    expect(book.of(last.to!).name).toBe(expected(last.to!));
    expect(reads, 'call data read once, to name the people').toBeGreaterThan(0);
    for (const t of s.transactions.slice(0, 5)) expect(book.of(t.from!).name).toBe(expected(t.from!));
    expect(book.of(s.transactions[0]!.from!).name).toBe('Alice');
  });
});

describe('names for state keys', () => {
  it('names a plain variable, a mapping entry keyed by an address, accounts and code', () => {
    const s = generatePreset('dex-rush', { txs: 30 }, 1);
    const names = namesFor(s);
    const i = s.transactions.findIndex((t) => t.label === 'swap');
    const { from, to } = s.transactions[i]!;
    const token0 = `0x${BigInt(s.preState[to!]!.storage![Pool.slots.token0]!).toString(16).padStart(40, '0')}`;
    expect(names.name(slotOf(to!, Pool.slots.reserve0)).text).toBe('Pool 0.reserve0');
    const alice = names.book.of(from!).name;
    // With the transaction as context, and without (every address of the scenario is tried).
    expect(names.name(slotOf(token0, Token.slots.balance(from!)), [i]).text).toBe(`Pool 0 token0.balances[${alice}]`);
    expect(namesFor(s).name(slotOf(token0, Token.slots.balance(to!))).text).toBe('Pool 0 token0.balances[Pool 0]');
    expect(names.name(accountKey(bare(from!))).text).toBe(`${alice}’s balance and nonce`);
    expect(names.name(codeKey(bare(to!))).text).toBe('Pool 0’s code');
    expect(names.name(slotOf(to!, Pool.slots.reserve0)).hex).toMatch(/^0x9001…0000\[0x2\]$/);
  });

  it('names struct members behind a mapping and nested mappings from the call’s own arguments', () => {
    const s = generatePreset('dao-vote', { txs: 30 }, 1);
    const names = namesFor(s);
    const i = s.transactions.findIndex((t) => t.to !== null);
    const { from, to, input } = s.transactions[i]!;
    const id = BigInt(`0x${input.slice(10, 74)}`);
    expect(names.name(slotOf(to!, Dao.slots.proposal(id).yes), [i]).text).toBe(`Dao.proposals[${id}].yes`);
    expect(names.name(slotOf(to!, Dao.slots.voted(id, from!)), [i]).text).toBe(`Dao.voted[${id}][${names.book.of(from!).name}]`);
  });

  it('names a slot it cannot explain by its number, and a contract without a layout by its address', () => {
    const s = generatePreset('dex-rush', { txs: 10 }, 1);
    const pool = s.transactions[0]!.to!;
    expect(namesFor(s).name(slotOf(pool, `0x${'ab'.repeat(32)}`)).text).toMatch(/^Pool 0 storage slot 0xabababab…$/);
    const unknown = { ...s, preState: { ...s.preState, ['0x00000000000000000000000000000000000000aa']: { balance: '0x0', nonce: '0x1', code: '0x6000' } } } as Scenario;
    expect(namesFor(unknown).name(slotKey('00000000000000000000000000000000000000aa', '0'.repeat(63) + '5', 0)).text).toBe('storage slot 5 of contract 0x0000…00aa');
  });

  it('names an editor contract’s state from its own compiled layout', () => {
    const src = 'pragma solidity ^0.8.20;\ncontract Tally {\n    uint256 public votes;\n    function vote() external { votes += 1; }\n}\n';
    const c = compile({ sources: { 'Tally.sol': src } }).contracts['Tally.sol']!.Tally!;
    const s = generatePreset('independent-payments', { txs: 10 }, 1);
    const at = '0x00000000000000000000000000000000000000bb';
    const placed = { ...s, preState: { ...s.preState, [at]: { balance: '0x0', nonce: '0x1', code: c.deployedBytecode } } } as Scenario;
    expect(namesFor(placed, { placed: [{ address: at, doc: c.doc! }] }).name(slotKey(bare(at), '0'.repeat(64), 0)).text).toBe('Tally.votes');
  });
});
