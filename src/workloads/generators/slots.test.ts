import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Address } from '../../engine/scenario/types.ts';
import { Dao, Game, Nft, PerUserCounter, Pool, Token } from '../contracts/index.ts';
import { ZERO, encoder } from './calldata.ts';
import { slotsOf } from './slots.ts';

const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => `0x${Buffer.from(b).toString('hex')}` as Address);
const id = fc.bigInt(0n, (1n << 256n) - 1n);

describe('the generator’s fast slot hashing', () => {
  it('gives the same slots as the contract helpers, for every mapping it uses', () => {
    fc.assert(
      fc.property(address, address, id, (a, b, n) => {
        expect(slotsOf.token.balance(a)).toBe(Token.slots.balance(a));
        expect(slotsOf.token.allowance(a, b)).toBe(Token.slots.allowance(a, b));
        expect(slotsOf.nft.owner(n)).toBe(Nft.slots.owner(n));
        expect(slotsOf.nft.balance(a)).toBe(Nft.slots.balance(a));
        expect(slotsOf.nft.approval(n)).toBe(Nft.slots.approval(n));
        expect(slotsOf.game.owner(n)).toBe(Game.slots.owner(n));
        expect(slotsOf.game.price(n)).toBe(Game.slots.price(n));
        expect(slotsOf.game.gold(a)).toBe(Game.slots.gold(a));
        expect(slotsOf.userCounter.count(a)).toBe(PerUserCounter.slots.count(a));
        expect(slotsOf.dao.voted(n, a)).toBe(Dao.slots.voted(n, a));
      }),
      { numRuns: 200 },
    );
  });

  it('returns lowercase 32-byte hex', () => {
    expect(slotsOf.nft.owner(0n)).toMatch(/^0x[0-9a-f]{64}$/);
  });
});

describe('cached-selector calldata encoders', () => {
  it('encode exactly what the contract helpers encode', () => {
    fc.assert(
      fc.property(address, id, id, (a, x, y) => {
        expect(encoder<[Address, bigint]>(Token.transfer(ZERO, 0n))(a, x)).toBe(Token.transfer(a, x));
        expect(encoder<[Address, bigint, bigint]>(Pool.swap(ZERO, 0n, 0n))(a, x, y)).toBe(Pool.swap(a, x, y));
        expect(encoder<[bigint, boolean]>(Dao.vote(0n, false))(x, true)).toBe(Dao.vote(x, true));
        expect(encoder<[bigint, Address]>(Game.give(0n, ZERO))(x, a)).toBe(Game.give(x, a));
      }),
      { numRuns: 100 },
    );
  });
});
