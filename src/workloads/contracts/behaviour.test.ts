import { describe, expect, it } from 'vitest';
import type { Address, Hex, PreState, Scenario, ScenarioTx } from '../../engine/scenario/types.ts';
import { decodeUint, keccak256, pad32, quantity } from '../abi.ts';
import { ETH, account, blockEnv } from '../common.ts';
import { runScenarioStock, type StockRun } from '../testing/stockRunner.ts';
import { Dao, Game, Nft, PerUserCounter } from './index.ts';

const HARDFORK = 'cancun';
const CONTRACT = account('c0de', 1);
const [alice, bob, carol] = [account('a11c', 1), account('b0b0', 2), account('ca41', 3)];

/** One contract (runtime code and storage in the pre-state) and calls to it; nonces count up per sender. */
function scenario(code: Hex, storage: Record<Hex, Hex>, calls: { from: Address; input: Hex }[]): Scenario {
  const preState: PreState = { [CONTRACT]: { balance: '0x0', nonce: '0x1', code, storage } };
  const nonces = new Map<Address, number>();
  const transactions: ScenarioTx[] = calls.map(({ from, input }) => {
    preState[from] = { balance: quantity(ETH), nonce: '0x0' };
    const nonce = nonces.get(from) ?? 0;
    nonces.set(from, nonce + 1);
    return {
      type: 2,
      from,
      to: CONTRACT,
      nonce: quantity(nonce),
      value: '0x0',
      input,
      gas: quantity(300_000),
      maxFeePerGas: quantity(10n ** 9n),
      maxPriorityFeePerGas: '0x1',
      chainId: '0x1',
    };
  });
  return {
    version: 1,
    name: 'contract behaviour',
    description: '',
    chain: { chainId: 1, hardfork: HARDFORK },
    block: blockEnv(HARDFORK, { gasLimit: 30_000_000n, baseFee: 7n }),
    preState,
    transactions,
  };
}

const slot = (run: StockRun, s: Hex): Promise<bigint> => run.storage(CONTRACT, s);
const outcomes = (run: StockRun) => run.receipts.map((r) => r.revertReason ?? (r.status === 1 ? 'ok' : r.error));

describe('Nft', () => {
  it('mint hands out increasing ids from the shared counter, whoever mints', async () => {
    const run = await runScenarioStock(
      scenario(Nft.deployedBytecode, { [Nft.slots.nextId]: quantity(10) }, [
        { from: alice, input: Nft.mint() },
        { from: bob, input: Nft.mint() },
        { from: alice, input: Nft.mint() },
      ]),
    );
    expect(run.receipts.map((r) => decodeUint(r.returnValue))).toEqual([10n, 11n, 12n]);
    expect(run.receipts.map((r) => BigInt(r.logs[0]!.topics[3]!))).toEqual([10n, 11n, 12n]); // Transfer(0, to, id)
    expect(await slot(run, Nft.slots.nextId)).toBe(13n);
    expect(await slot(run, Nft.slots.owner(11n))).toBe(BigInt(bob));
    expect(await slot(run, Nft.slots.balance(alice))).toBe(2n);
  });

  it('transferFrom moves a token and both balances, and only for its owner or an approved account', async () => {
    const run = await runScenarioStock(
      scenario(Nft.deployedBytecode, {}, [
        { from: alice, input: Nft.mint() },
        { from: bob, input: Nft.transferFrom(alice, bob, 0n) },
        { from: alice, input: Nft.transferFrom(bob, carol, 0n) },
        { from: alice, input: Nft.approve(bob, 0n) },
        { from: bob, input: Nft.transferFrom(alice, carol, 0n) },
      ]),
    );
    expect(outcomes(run)).toEqual(['ok', Nft.REASONS.notAllowed, Nft.REASONS.wrongOwner, 'ok', 'ok']);
    expect(await slot(run, Nft.slots.owner(0n))).toBe(BigInt(carol));
    expect(await slot(run, Nft.slots.approval(0n))).toBe(0n);
    expect([await slot(run, Nft.slots.balance(alice)), await slot(run, Nft.slots.balance(carol))]).toEqual([0n, 1n]);
  });
});

describe('Dao', () => {
  it('counts one vote per address and reverts a second one with "already voted"', async () => {
    const run = await runScenarioStock(
      scenario(Dao.deployedBytecode, {}, [
        { from: carol, input: Dao.propose(keccak256(new TextEncoder().encode('fund the playground'))) },
        { from: alice, input: Dao.vote(0n, true) },
        { from: bob, input: Dao.vote(0n, false) },
        { from: alice, input: Dao.vote(0n, false) },
        { from: carol, input: Dao.vote(0n, true) },
        { from: bob, input: Dao.execute(0n) },
        { from: bob, input: Dao.execute(0n) },
      ]),
    );
    expect(outcomes(run)).toEqual(['ok', 'ok', 'ok', Dao.REASONS.alreadyVoted, 'ok', 'ok', Dao.REASONS.alreadyExecuted]);
    const p = Dao.slots.proposal(0n);
    expect([await slot(run, p.yes), await slot(run, p.no), await slot(run, p.executed)]).toEqual([2n, 1n, 1n]);
    expect(await slot(run, p.proposer)).toBe(BigInt(carol));
    expect(await slot(run, Dao.slots.voted(0n, alice))).toBe(1n);
    expect(await slot(run, Dao.slots.proposalCount)).toBe(1n);
  });

  it('accepts votes on a proposal seeded in the pre-state through the documented slots', async () => {
    const p = Dao.slots.proposal(7n);
    const storage = { [Dao.slots.proposalCount]: quantity(8), [p.proposer]: quantity(BigInt(carol)), [p.yes]: quantity(5) };
    const run = await runScenarioStock(
      scenario(Dao.deployedBytecode, storage, [
        { from: alice, input: Dao.vote(7n, true) },
        { from: alice, input: Dao.vote(8n, true) },
      ]),
    );
    expect(outcomes(run)).toEqual(['ok', Dao.REASONS.noSuchProposal]);
    expect(await slot(run, p.yes)).toBe(6n);
  });
});

describe('Game', () => {
  it('craft hands out increasing item ids; buy moves the item and pays the seller in gold', async () => {
    const storage = { [Game.slots.gold(bob)]: quantity(100), [Game.slots.gold(carol)]: quantity(100) };
    const run = await runScenarioStock(
      scenario(Game.deployedBytecode, storage, [
        { from: alice, input: Game.craft() },
        { from: bob, input: Game.craft() },
        { from: carol, input: Game.buy(0n) },
        { from: alice, input: Game.list(0n, 30n) },
        { from: bob, input: Game.buy(0n) },
        { from: carol, input: Game.buy(0n) },
        { from: bob, input: Game.give(1n, carol) },
        { from: alice, input: Game.earn(5n) },
      ]),
    );
    expect(run.receipts.slice(0, 2).map((r) => decodeUint(r.returnValue))).toEqual([0n, 1n]);
    expect(outcomes(run)).toEqual(['ok', 'ok', Game.REASONS.notForSale, 'ok', 'ok', Game.REASONS.notForSale, 'ok', 'ok']);
    expect(await slot(run, Game.slots.owner(0n))).toBe(BigInt(bob));
    expect(await slot(run, Game.slots.price(0n))).toBe(0n);
    expect(await slot(run, Game.slots.owner(1n))).toBe(BigInt(carol));
    expect(await Promise.all([alice, bob, carol].map((a) => slot(run, Game.slots.gold(a))))).toEqual([35n, 70n, 100n]);
    expect(await slot(run, Game.slots.itemCount)).toBe(2n);
  });
});

describe('PerUserCounter', () => {
  it('keeps one count per sender, at the documented slot', async () => {
    const run = await runScenarioStock(
      scenario(PerUserCounter.deployedBytecode, {}, [
        { from: alice, input: PerUserCounter.increment() },
        { from: bob, input: PerUserCounter.increment() },
        { from: alice, input: PerUserCounter.increment() },
      ]),
    );
    expect(run.receipts.map((r) => BigInt(r.logs[0]!.data))).toEqual([1n, 1n, 2n]); // Incremented(by, newCount)
    expect(await slot(run, PerUserCounter.slots.count(alice))).toBe(2n);
    expect(await slot(run, PerUserCounter.slots.count(bob))).toBe(1n);
    expect(await slot(run, pad32(0))).toBe(0n); // nothing shared
  });
});
