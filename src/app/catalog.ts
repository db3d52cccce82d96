/**
 * What the page ships besides generated presets: real mainnet blocks (JSON bundles in `public/blocks/`) and example
 * scenario files. Ids only and words for people — loading lives in `scenarios.ts`, so this stays import-free for the
 * setup model and its tests.
 */

export interface BlockChoice {
  number: number;
  /** Ends with the block's shape as its analysis finds it (`explain/blockStory.ts` `blockShape`; a test checks). */
  label: string;
  blurb: string;
}

export interface ExampleChoice {
  id: string;
  label: string;
  blurb: string;
}

export const BLOCKS: readonly BlockChoice[] = [
  {
    number: 19426587,
    label: 'Mainnet block 19,426,587 (first Dencun block, 37 txs, mostly independent)',
    blurb: 'A real Cancun block; senders are recovered from the signatures. 30 of its 37 transactions depend on nothing earlier (29 when senders are read in full: one sends three); a few meet on a token balance, one contract’s storage and WETH’s own balance.',
  },
  {
    number: 15537394,
    label: 'Mainnet block 15,537,394 (first proof-of-stake block, 80 txs, one heavy transaction)',
    blurb: 'A real Paris block; senders are recovered from the signatures. One transaction carries 71 % of its gas, and 28 mint() calls on one NFT contract queue on one storage slot.',
  },
  {
    number: 11814555,
    label: 'Mainnet block 11,814,555 (579 txs, a mining pool’s payouts, mostly independent)',
    blurb: 'A real Muir Glacier block in which a mining pool pays its members out of the coinbase: 577 of its 579 transactions come from the miner’s own account. Read in full, its nonce and balance chain them one after another (dag, access-locks); block-stm reads them lazily, checking them as each commits, and runs them side by side.',
  },
  {
    number: 46147,
    label: 'Mainnet block 46,147 (Frontier, August 2015: Ethereum’s first transfer, a single transaction)',
    blurb: 'The first transaction on Ethereum: 31,337 wei to a new account, in a Frontier block. Before Byzantium each receipt carries the state root after its transaction instead of a status; the bundle holds only the accounts the block touches, so that root and the receipts root cannot be checked against the header. Gas used and the bloom can.',
  },
];

export const EXAMPLES: readonly ExampleChoice[] = [
  {
    id: 'counter-demo',
    label: 'Three transfers (examples/counter-demo.json)',
    blurb: 'Alice pays Bob, Bob pays Carol, Dave pays Erin: the first two conflict on Bob’s balance.',
  },
  {
    id: 'prague-set-code',
    label: 'Prague set-code block (examples/prague-set-code.json, 13 txs, EIP-7702)',
    blurb:
      'A Prague block signed for real: 7 EIP-7702 authorizations let accounts run a contract’s code (one, signed for ' +
      'another chain, is skipped), so the calls into those accounts wait for the transaction that set their code. ' +
      'After the last transaction the block’s system calls take a withdrawal and a consolidation request off their queues.',
  },
];

/** Credit the bundled blocks' source asks for (shown next to them and in the footer). */
export const BLOCK_CREDIT = 'Mainnet blocks from the test data of risechain/pevm (MIT licence, © 2024 RISE Labs).';
