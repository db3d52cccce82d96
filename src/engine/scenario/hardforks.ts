/**
 * Hardfork names and mainnet's fork schedule, as plain data: the scenario layer validates and loads scenarios
 * without the EVM library (the page loads it, and only `src/engine/evm/` may import `@ethereumjs/*`). Both lists
 * are copied from `@ethereumjs/common` 10.1.3; `src/engine/evm/hardforks.test.ts` checks they still agree with the
 * installed version (update them together when upgrading it).
 */

/** Every hardfork name the ethereumjs `Hardfork` enum knows, in the enum's (fork) order. */
export const HARDFORKS: readonly string[] = [
  'chainstart', 'homestead', 'dao', 'tangerineWhistle', 'spuriousDragon', 'byzantium', 'constantinople', 'petersburg',
  'istanbul', 'muirGlacier', 'berlin', 'london', 'arrowGlacier', 'grayGlacier', 'mergeNetsplitBlock', 'paris',
  'shanghai', 'cancun', 'prague', 'osaka', 'bpo1', 'bpo2', 'bpo3', 'bpo4', 'bpo5', 'amsterdam',
];

/** Whether `hardfork` is at or after `since`. */
export function forkAtLeast(hardfork: string, since: string): boolean {
  return HARDFORKS.indexOf(hardfork) >= HARDFORKS.indexOf(since);
}

/**
 * Whether a receipt of `hardfork` carries the state root after its transaction instead of a status (before Byzantium,
 * EIP-658). The engine then computes those roots after the run, off the critical path (`evm/intermediateRoots.ts`).
 */
export function receiptsCarryStateRoots(hardfork: string): boolean {
  return !forkAtLeast(hardfork, 'byzantium');
}

/** Mainnet's DAO fork block: its irregular state change (the DAO's accounts drained into a refund contract) is not
 * a transaction, and the engine does not make it. */
export const DAO_FORK_BLOCK = 1_920_000n;

/** Mainnet's scheduled forks in ethereumjs' order: by block number up to the merge, by timestamp from Shanghai. */
const MAINNET: readonly { name: string; block?: number; timestamp?: number }[] = [
  { name: 'chainstart', block: 0 },
  { name: 'homestead', block: 1_150_000 },
  { name: 'dao', block: 1_920_000 },
  { name: 'tangerineWhistle', block: 2_463_000 },
  { name: 'spuriousDragon', block: 2_675_000 },
  { name: 'byzantium', block: 4_370_000 },
  { name: 'constantinople', block: 7_280_000 },
  { name: 'petersburg', block: 7_280_000 },
  { name: 'istanbul', block: 9_069_000 },
  { name: 'muirGlacier', block: 9_200_000 },
  { name: 'berlin', block: 12_244_000 },
  { name: 'london', block: 12_965_000 },
  { name: 'arrowGlacier', block: 13_773_000 },
  { name: 'grayGlacier', block: 15_050_000 },
  { name: 'paris', block: 15_537_394 },
  { name: 'shanghai', timestamp: 1_681_338_455 },
  { name: 'cancun', timestamp: 1_710_338_135 },
  { name: 'prague', timestamp: 1_746_612_311 },
  { name: 'osaka', timestamp: 1_764_798_551 },
  { name: 'bpo1', timestamp: 1_765_290_071 },
  { name: 'bpo2', timestamp: 1_767_747_671 },
];

/**
 * The mainnet hardfork active at a block, by number (older forks) and timestamp (Shanghai on) — what ethereumjs'
 * `Common.getHardforkBy` answers, including its refusal of a number and a timestamp that name different forks.
 */
export function mainnetHardforkAt(number: `0x${string}`, timestamp: `0x${string}`): string {
  const n = BigInt(number);
  const t = BigInt(timestamp);
  // The last fork before the first one that has not started by this block number or timestamp…
  let i = MAINNET.findIndex((f) => (f.block !== undefined && BigInt(f.block) > n) || (f.timestamp !== undefined && BigInt(f.timestamp) > t));
  i = (i < 0 ? MAINNET.length : i) - 1;
  const start = i;
  // …or the last of the forks scheduled at the same point as it (petersburg with constantinople).
  while (i < MAINNET.length - 1 && MAINNET[i]!.block === MAINNET[i + 1]!.block && MAINNET[i]!.timestamp === MAINNET[i + 1]!.timestamp) i++;
  const passed = MAINNET.slice(0, start).reduce((max, f) => Math.max(f.timestamp ?? 0, max), 0);
  const ahead = MAINNET.slice(i + 1).reduce((min, f) => (f.timestamp === undefined ? min : Math.min(f.timestamp, min)), Infinity);
  if (BigInt(passed) > t || (ahead !== Infinity && BigInt(ahead) < t)) {
    throw new Error(`block ${n} and timestamp ${t} fall in different mainnet hardforks`);
  }
  return MAINNET[i]!.name;
}
