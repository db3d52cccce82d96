/**
 * Who sends and who receives. Every role has its own readable address range (`account(tag, i)`), so a trace shows at
 * a glance whether a key belongs to a sender, a recipient, the hot wallet or a contract.
 *
 * Senders: `ceil(txs / noncesPerSender)` funded accounts, each sending `noncesPerSender` workload transactions (the
 * last one fewer if it does not divide), spread over the block in shuffled order: a sender's transactions form a
 * nonce chain wherever they land. Recipients: a population of `accounts` addresses drawn by Zipf (rank 0 most
 * popular), or with `accounts: 'fresh'` a never-seen address each time. The hot wallet is outside both.
 */
import type { Address } from '../../engine/scenario/types.ts';
import { account } from '../common.ts';
import type { Prng } from './prng.ts';
import { Zipf } from './zipf.ts';

export const sender = (i: number): Address => account('5e4d', i);
export const recipient = (i: number): Address => account('ec1e', i);
export const freshAccount = (i: number): Address => account('f7e5', i);
/** The one address that `hotSpot` transactions pay (an exchange's deposit wallet, a popular shop). */
export const HOT_WALLET: Address = account('4047', 0);

/** The sender of each of `txs` workload transactions. */
export function senderSchedule(txs: number, noncesPerSender: number, rng: Prng): Address[] {
  const order = new Int32Array(txs);
  for (let i = 0; i < txs; i++) order[i] = Math.floor(i / noncesPerSender);
  if (noncesPerSender > 1) rng.shuffle(order);
  const addresses: Address[] = [];
  const cache = new Map<number, Address>();
  for (const i of order) {
    let a = cache.get(i);
    if (a === undefined) cache.set(i, (a = sender(i)));
    addresses.push(a);
  }
  return addresses;
}

/** Draws recipients: Zipf-ranked from the population, or fresh ones. */
export class Recipients {
  readonly #zipf: Zipf | undefined;
  readonly #rng: Prng;
  #fresh = 0;

  constructor(accounts: number | 'fresh', skew: number, rng: Prng) {
    this.#zipf = accounts === 'fresh' ? undefined : new Zipf(accounts, skew);
    this.#rng = rng;
  }

  next(): Address {
    if (this.#zipf === undefined) return freshAccount(this.#fresh++);
    return recipient(this.#zipf.sample(this.#rng.next()));
  }
}
