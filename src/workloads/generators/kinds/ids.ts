/** Every transaction kind a mix can name, in the order the generator installs them. */
export const KIND_IDS = [
  'eth',
  'erc20',
  'swap',
  'counter',
  'user-counter',
  'nft-mint',
  'nft-transfer',
  'dao-vote',
  'game-craft',
  'game-buy',
  'game-give',
] as const;

export type KindId = (typeof KIND_IDS)[number];
