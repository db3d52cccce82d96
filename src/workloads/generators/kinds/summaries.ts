/** What each transaction kind does and where its conflicts come from, one sentence each: plain data, so the page
 * can describe a mix without loading the kinds (they carry contract bytecode). */
import type { KindId } from './ids.ts';

export const KIND_SUMMARIES: Record<KindId, string> = {
  eth: 'pays 0.001–0.01 ETH to a recipient; payments to one address conflict on its balance',
  erc20: 'moves 1–100 tokens of a Zipf-chosen token to a recipient; conflicts on a shared account’s balance slot',
  swap: 'swaps 0.1–10 tokens on a Zipf-chosen pool, either way; every swap on a pool rewrites its reserves',
  counter: 'increments the one shared counter; every increment reads and writes the same slot',
  'user-counter': 'increments the sender’s own slot of a shared contract; no conflicts between senders',
  'nft-mint': 'mints the next item of the collection; every mint reads and writes the shared nextId',
  'nft-transfer': 'sends an item the sender owns to a recipient; transfers into one wallet conflict on its balance count',
  'dao-vote': 'votes yes or no on a Zipf-chosen proposal; votes with one choice on one proposal conflict on its tally',
  'game-craft': 'crafts a new item; every craft reads and writes the shared item counter',
  'game-buy': 'buys a listed item for 1–100 gold from a Zipf-chosen seller; buys from one seller conflict on its gold',
  'game-give': 'gives an item the sender owns to a recipient; touches only that item, so gifts do not conflict',
};
