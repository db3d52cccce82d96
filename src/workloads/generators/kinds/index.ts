/** Every transaction kind by id. */
import { counter } from './counter.ts';
import { daoVote } from './daoVote.ts';
import { erc20 } from './erc20.ts';
import { eth } from './eth.ts';
import { gameBuy } from './gameBuy.ts';
import { gameCraft } from './gameCraft.ts';
import { gameGive } from './gameGive.ts';
import type { KindId } from './ids.ts';
import type { Kind } from './kind.ts';
import { nftMint } from './nftMint.ts';
import { nftTransfer } from './nftTransfer.ts';
import { swap } from './swap.ts';
import { userCounter } from './userCounter.ts';

export { KIND_IDS, type KindId } from './ids.ts';
export type { Kind, KindContext } from './kind.ts';

export const KINDS: Record<KindId, Kind> = {
  eth,
  erc20,
  swap,
  counter,
  'user-counter': userCounter,
  'nft-mint': nftMint,
  'nft-transfer': nftTransfer,
  'dao-vote': daoVote,
  'game-craft': gameCraft,
  'game-buy': gameBuy,
  'game-give': gameGive,
};
