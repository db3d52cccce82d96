/**
 * The `network` of a blockchain test (ethereum/tests, execution-spec-tests) as ethereumjs hardfork names: one fork
 * (`Cancun`), or a transition at a block number (`BerlinToLondonAt5`) or a timestamp (`ShanghaiToCancunAtTime15k`).
 */

/** The test suites' fork names (and their older aliases) → ethereumjs hardfork names. */
const FORKS: Readonly<Record<string, string>> = {
  Frontier: 'chainstart',
  Homestead: 'homestead',
  EIP150: 'tangerineWhistle',
  TangerineWhistle: 'tangerineWhistle',
  EIP158: 'spuriousDragon',
  SpuriousDragon: 'spuriousDragon',
  Byzantium: 'byzantium',
  Constantinople: 'constantinople',
  ConstantinopleFix: 'petersburg',
  Petersburg: 'petersburg',
  Istanbul: 'istanbul',
  MuirGlacier: 'muirGlacier',
  Berlin: 'berlin',
  London: 'london',
  ArrowGlacier: 'arrowGlacier',
  GrayGlacier: 'grayGlacier',
  Merge: 'paris',
  Paris: 'paris',
  Shanghai: 'shanghai',
  Cancun: 'cancun',
  Prague: 'prague',
  Osaka: 'osaka',
};

/** Which hardfork each block of a network runs: `at` names the block by its header's number and timestamp. */
export type NetworkSchedule = (at: { number: bigint; timestamp: bigint }) => string;

/** `15k` → 15000. */
function count(text: string): bigint {
  return text.endsWith('k') ? BigInt(text.slice(0, -1)) * 1000n : BigInt(text);
}

/**
 * A network name → its schedule, or why it cannot run here: an unknown name, or a transition the names do not say how
 * to place (`…AtDiff…`, by total difficulty).
 */
export function networkSchedule(network: string): NetworkSchedule | { unsupported: string } {
  const single = FORKS[network];
  const m = /^([A-Za-z0-9]+?)To([A-Za-z0-9]+?)At(Time)?([0-9]+k?)$/.exec(network);
  if (single === undefined && m === null) return { unsupported: `network "${network}" is not one Parallax knows` };
  const forks = single !== undefined ? [single] : [FORKS[m![1]!], FORKS[m![2]!]];
  if (forks.some((f) => f === undefined)) return { unsupported: `network "${network}" is not one Parallax knows` };
  if (single !== undefined) return () => single;
  const [before, after] = forks as [string, string];
  const point = count(m![4]!);
  return m![3] ? ({ timestamp }) => (timestamp >= point ? after : before) : ({ number }) => (number >= point ? after : before);
}

