/**
 * What the page ships besides generated presets: real mainnet blocks (JSON bundles in `public/blocks/`) and example
 * scenario files. Ids only and words for people — loading lives in `scenarios.ts`, so this stays import-free for the
 * setup model and its tests.
 */

export interface BlockChoice {
  number: number;
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
    label: 'Mainnet block 19,426,587 (first Dencun block, 37 txs)',
    blurb: 'A real Cancun block; senders are recovered from the signatures.',
  },
  {
    number: 15537394,
    label: 'Mainnet block 15,537,394 (first proof-of-stake block, 80 txs)',
    blurb: 'A real Paris block; senders are recovered from the signatures.',
  },
  {
    number: 11814555,
    label: 'Mainnet block 11,814,555 (579 txs, mostly independent)',
    blurb: 'A real Muir Glacier block of many small transfers: almost nothing depends on anything, so it shows what parallel execution can do on a real block.',
  },
];

export const EXAMPLES: readonly ExampleChoice[] = [
  {
    id: 'counter-demo',
    label: 'Three transfers (examples/counter-demo.json)',
    blurb: 'Alice pays Bob, Bob pays Carol, Dave pays Erin: the first two conflict on Bob’s balance.',
  },
];

/** Credit the bundled blocks' source asks for (shown next to them and in the footer). */
export const BLOCK_CREDIT = 'Mainnet blocks from the test data of risechain/pevm (MIT licence, © 2024 RISE Labs).';
