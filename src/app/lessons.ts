/**
 * The guided tour: six short lessons for students and talks. Each loads a setup, asks the viewer to predict what the
 * run will show, and after the run explains the answer with the run's own figures (`{reexecutions}` — see
 * `lessonFigures.ts` for every name). Questions are about mechanisms, so their answers hold for any run of the
 * setup; the figures in the reveal are what make it concrete.
 *
 * Pure data. The tour's state machine is in `tour.ts`; the components in `src/ui/learn/`.
 */
import type { KnobValue, Setup } from './setup.ts';

/** The stage views a lesson can point at (each view's root carries `data-region`). */
export type StageRegion = 'lanes' | 'queue' | 'shards' | 'dag' | 'metrics' | 'inspector' | 'playback';

export interface Choice {
  id: string;
  text: string;
}

export interface Lesson {
  id: string;
  title: string;
  /** A few sentences, one paragraph each. */
  body: string[];
  setup: Setup;
  question: { prompt: string; choices: Choice[]; answer: string };
  /** Shown after the run; `{name}` placeholders are the run's figures. */
  reveal: string[];
  region: StageRegion;
  /** What to look at in that region, in plain words. */
  look: string;
  /** A second setup that makes the contrast (run it after the reveal). */
  alsoTry?: { label: string; setup: Setup; say: string; reveal: string[] };
}

const preset = (id: string, txs: number, strategy: string, knobs: Record<string, KnobValue> = {}): Setup => ({
  scenario: { kind: 'preset', id, txs, seed: 1, knobs },
  strategy,
  workers: 4,
});

export const LESSONS: readonly Lesson[] = [
  {
    id: 'conflicts',
    title: 'Why transactions conflict',
    body: [
      'Two transactions conflict when one writes a piece of state that the other reads. Then their order matters, and a parallel executor must produce exactly the result of running them one after another.',
      'This block has 120 transactions on one contract. Half call increment() on a single shared counter; the other half increment the sender’s own counter, a separate storage slot per user.',
    ],
    setup: preset('independent-payments', 120, 'block-stm', { mix: 'counter:0.5,user-counter:0.5' }),
    question: {
      prompt: 'Block-STM runs them all at once on several workers and checks afterwards. Which transactions will it have to re-execute?',
      choices: [
        { id: 'shared', text: 'Only increments of the shared counter' },
        { id: 'user', text: 'Only the per-user increments' },
        { id: 'both', text: 'Both kinds, about equally: they are all increments' },
        { id: 'none', text: 'None: increments never conflict' },
      ],
      answer: 'shared',
    },
    reveal: [
      'This run executed {executions} times for {txCount} transactions: {reexecutions} re-executions after {aborts} aborts.',
      '{hotKeyAborts} of the {aborts} aborts were on one key, {hotKey}: the shared counter’s slot. Every shared increment reads the value the one before it wrote.',
      'The dependency analysis agrees: {dependents} transactions depend on an earlier one and {independent} depend on none; the per-user increments each write their own slot, so nothing they read was ever written by another transaction.',
    ],
    region: 'lanes',
    look: 'Bars that change colour are re-executions; the arrows from a writer to the transaction it invalidated are labelled with the key.',
  },
  {
    id: 'recovery',
    title: 'How Block-STM recovers',
    body: [
      'Block-STM is optimistic: every worker takes the next transaction and executes it against the latest values written so far, recording what it read. A finished execution is then validated: are the values it read still the latest?',
      'This block is a DAO vote: voters add to a proposal’s yes or no tally, so votes with the same choice on the same proposal touch the same slot.',
    ],
    setup: preset('dao-vote', 150, 'block-stm'),
    question: {
      prompt: 'Vote 7 read a tally before vote 5 (same proposal, same choice) wrote its new value. What does Block-STM do with vote 7?',
      choices: [
        { id: 'commit', text: 'Commits it anyway; the tally ends up one vote short' },
        { id: 'abort', text: 'Validation sees the stale read, aborts it, and executes it again with the new tally' },
        { id: 'restart', text: 'Throws the whole block away and runs it sequentially' },
        { id: 'lock', text: 'Nothing: the tally was locked, so vote 7 could not have read it early' },
      ],
      answer: 'abort',
    },
    reveal: [
      'That happened {aborts} times in this run: {reexecutions} re-executions on top of {txCount} first executions, {reexecutedPct}% extra work.',
      'The busiest key was {hotKey}, with {hotKeyAborts} of the aborts.',
      'Each re-executed vote saw the tally the vote before it wrote, so the result equals the sequential one: press Verify to check the state root.',
    ],
    region: 'queue',
    look: 'Watch tokens go pending → executing → validating → committed, and jump back when their validation fails.',
  },
  {
    id: 'hot-pool',
    title: 'Why one hot pool serialises a block',
    body: [
      'A swap reads a pool’s reserves and writes new ones. In this DEX rush nine swaps in ten hit the same pool, so each of them depends on the one before it: a chain as long as most of the block.',
    ],
    setup: preset('dex-rush', 200, 'block-stm'),
    question: {
      prompt: 'With enough workers, how much faster than one worker could any schedule run this block?',
      choices: [
        { id: 'workers', text: 'About as many times faster as there are workers' },
        { id: 'half', text: 'About twice as fast' },
        { id: 'barely', text: 'Barely faster: the hot pool’s chain must run one swap after another' },
      ],
      answer: 'barely',
    },
    reveal: [
      'The critical path — the heaviest chain of dependent swaps, weighed in gas — holds {criticalPathLength} of the {txCount} transactions ({criticalPathPct}%) and {criticalPathGasPct}% of the block’s gas. No schedule on any number of workers beats total gas ÷ chain gas = {speedupBound}× here.',
      'Block-STM still tried: {reexecutions} re-executions, most on {hotKey} ({hotKeyAborts} aborts). Optimism costs work when conflicts are the rule.',
    ],
    region: 'dag',
    look: 'The highlighted critical path is the chain of swaps on the hot pool; the bound it implies is printed beside the graph.',
  },
  {
    id: 'shards',
    title: 'When shards help, and when cross-shard traffic kills them',
    body: [
      'Static sharding splits the state across shards, one worker each; here an address lives on the shard its hash picks. A transaction whose state lives on one shard runs there with no coordination. One that touches several shards is a barrier: every shard it touches must reach it, send it the values it reads, and wait for its writes.',
      'This block is a mixed DeFi day: payments, token transfers, swaps on four pools, mints and votes, with popular recipients.',
    ],
    setup: preset('mixed-defi', 200, 'shards'),
    question: {
      prompt: 'What holds the shards back on this block?',
      choices: [
        { id: 'nothing', text: 'Nothing: four shards on four workers run four times as fast' },
        { id: 'cross', text: 'Transactions that touch state on several shards: they stop those shards and wait for messages' },
        { id: 'evm', text: 'The EVM runs slower inside a shard' },
      ],
      answer: 'cross',
    },
    reveal: [
      '{crossShardTxs} of {txCount} transactions ({crossShardPct}%) touched more than one shard, and the shards exchanged {crossShardMessages} messages, {messagesPerCrossTx} per cross-shard transaction: swaps and token transfers read pools, tokens and popular accounts that live elsewhere.',
      '{misroutedTxs} transactions touched a shard their route had missed and ran again. The run took {wallMs} ms on {workers} shards.',
    ],
    region: 'shards',
    look: 'Shards are columns with their own queues; arrows between them are cross-shard messages.',
    alsoTry: {
      label: 'Now run independent payments on shards',
      setup: preset('independent-payments', 200, 'shards'),
      say: 'Payments from distinct senders to fresh addresses share no state. A payment still crosses shards when its sender and recipient hash to different ones, but nothing waits behind it.',
      reveal: [
        'Independent payments: {crossShardTxs} of {txCount} ({crossShardPct}%) crossed shards, with {messagesPerCrossTx} messages each and {misroutedTxs} re-routed; the run took {wallMs} ms. Placing addresses from the access graph instead of by hash (the shards-graph strategy) removes even those crossings.',
      ],
    },
  },
  {
    id: 'mainnet',
    title: 'What real Ethereum blocks look like',
    body: [
      'Generated blocks are extreme on purpose. This is a real one: mainnet block 19,426,587, the first block after the Dencun upgrade, 37 transactions, with senders recovered from their signatures.',
    ],
    setup: { scenario: { kind: 'block', number: 19426587 }, strategy: 'block-stm', workers: 4 },
    question: {
      prompt: 'How many of its transactions read something an earlier transaction in the same block wrote?',
      choices: [
        { id: 'most', text: 'Most of them: blocks are full of contention' },
        { id: 'few', text: 'A minority: most transactions are independent of each other' },
        { id: 'none', text: 'None at all' },
      ],
      answer: 'few',
    },
    reveal: [
      'Only {dependents} of {txCount} transactions depend on an earlier one, reading a key it wrote ({dependencies} dependencies, the dependency graph’s arrows); {independent} depend on none. The dependency bound, total gas ÷ the heaviest chain’s gas, allows {speedupBound}×.',
      'Yet this run took {wallMs} ms with {reexecutions} re-executions: in a block this small, starting work on workers and recovering senders weigh as much as the transactions themselves. Parallelism pays on big, independent blocks.',
    ],
    region: 'metrics',
    look: 'Speedup, worker utilisation and aborts for a real block.',
  },
  {
    id: 'declared',
    title: 'Declared access versus optimism',
    body: [
      'Block-STM guesses and repairs. The other school, Solana’s Sealevel or Ethereum’s access lists, has each transaction declare up front what it will read and write, and a lock table runs together only transactions whose declarations do not overlap.',
      'This is the DEX rush again, now with exact access lists on every swap.',
    ],
    // The compare list makes `c` put it next to Block-STM on the same block.
    setup: { ...preset('dex-rush', 200, 'access-locks', { accessLists: 'exact' }), compare: ['block-stm', 'access-locks'] },
    question: {
      prompt: 'Swaps on the hot pool declare its reserves. How does access-locks handle them?',
      choices: [
        { id: 'serial', text: 'It never runs two of them at once, so it never executes one of them on stale reserves' },
        { id: 'abort', text: 'It runs them together and aborts the losers, like Block-STM' },
        { id: 'skip', text: 'It skips the declared transactions' },
      ],
      answer: 'serial',
    },
    reveal: [
      'This run executed {executions} times for {txCount} transactions: {reexecutions} re-executions and {undeclaredAccesses} accesses outside a declaration. Instead, a transaction waited for a lock {lockWaits} times.',
      'Declarations trade wasted work for waiting: the hot pool’s swaps queue behind each other instead of being executed and thrown away. Press c to compare with Block-STM on the same block.',
    ],
    region: 'lanes',
    look: 'Lanes with few or no re-executed bars, and gaps where workers wait for a lock.',
  },
];

/** Strategies a lesson runs (its setup, compare list and second setup). */
export function strategiesOf(lesson: Lesson): string[] {
  const names = [lesson.setup.strategy, ...(lesson.setup.compare ?? []), ...(lesson.alsoTry ? [lesson.alsoTry.setup.strategy] : [])];
  return [...new Set(names)];
}
