/**
 * A real block explained from its own analysis (`engine/analysis/conflicts.ts`): its shape in a few words, its hot
 * keys named as a person would say them (`realKeys.ts`), the real-world patterns behind them — a mining pool paying
 * out from the coinbase, one hot AMM pair, WETH withdrawals reading a shared balance, one sender's nonce chain, a
 * contract whose every call bumps one counter, senders read lazily (their chains broken) — and its critical path counted both in transactions and in gas,
 * saying which one the speedup bound uses. Every sentence is computed; a description of a block that the page
 * ships is checked against `shape` by the tests.
 */
import type { ConflictAnalysis } from '../../engine/analysis/conflicts.ts';
import { keyAddress } from '../../engine/evm/keys.ts';
import { groupDigits } from '../format.ts';
import { shortAddress } from './addressBook.ts';
import { type BlockFacts, type RealKeyName, RealKeys } from './realKeys.ts';
import { longestChain } from './runStory.ts';
import type { Scenario } from '../../engine/scenario/types.ts';

/** What a block looks like from its dependency graph, in the words the page's block list uses. */
export type BlockShape = 'a single transaction' | 'one long chain' | 'one heavy transaction' | 'mostly independent' | 'partly dependent';

export interface HotKey {
  key: string;
  /** Dependencies (read-after-write edges) through it. */
  edges: number;
  name: RealKeyName;
  /** Transactions on those edges, in block order. */
  txs: number[];
  /** The calls that touch it, when its owner is a contract (`mint()`, `0x3b6d9597`). */
  calls: string[];
}

export interface BlockStory {
  shape: BlockShape;
  /** One sentence: the shape and its figures. */
  summary: string;
  hotKeys: HotKey[];
  /** One sentence for each pattern found. */
  patterns: string[];
  /** The critical path by count and by gas, and which one bounds the speedup. */
  criticalPath: string;
}

const pct = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 100) : 0);
const plural = (n: number, one: string, many = `${one}s`): string => `${groupDigits(n)} ${n === 1 ? one : many}`;
const txList = (txs: readonly number[], max = 4): string =>
  txs.length <= max ? txs.join(', ').replace(/, (\d+)$/, ' and $1') : `${txs.slice(0, max).join(', ')} and ${txs.length - max} more`;

/** The block's shape from its analysis: a chain through most of it, one transaction with most of its gas, or neither. */
export function blockShape(a: Pick<ConflictAnalysis, 'txCount' | 'edges' | 'independent' | 'criticalPath' | 'criticalPathGas' | 'totalGas'>): BlockShape {
  if (a.txCount <= 1) return 'a single transaction';
  if (longestChain(a) >= a.txCount / 2) return 'one long chain';
  if (a.criticalPath.length === 1 && a.criticalPathGas >= a.totalGas / 2 && a.txCount > 1) return 'one heavy transaction';
  if (a.independent >= 0.6 * a.txCount) return 'mostly independent';
  return 'partly dependent';
}

export function blockStory(scenario: Scenario, analysis: ConflictAnalysis, facts: BlockFacts, maxKeys = 5): BlockStory {
  const real = new RealKeys(scenario, facts);
  const n = analysis.txCount;
  const touching = new Map<string, Set<number>>();
  for (const e of analysis.edges) {
    let s = touching.get(e.key);
    if (!s) touching.set(e.key, (s = new Set()));
    s.add(e.from).add(e.to);
  }
  const hotKeys: HotKey[] = analysis.hotKeys.slice(0, maxKeys).map(({ key, edges }) => {
    const txs = [...(touching.get(key) ?? [])].sort((x, y) => x - y);
    return { key, edges, name: real.name(key, txs), txs, calls: real.callsTo(keyAddress(key), txs) };
  });

  const shape = blockShape(analysis);
  const longest = longestChain(analysis);
  const summary =
    shape === 'a single transaction'
      ? `A single transaction: nothing runs beside it, so no schedule on any number of workers beats running it alone.`
      : shape === 'one long chain'
      ? `One long chain: ${plural(longest, 'transaction')} of ${plural(n, 'transaction')} depend on one another in turn; only ${plural(analysis.independent, 'transaction')} depend${analysis.independent === 1 ? 's' : ''} on nothing earlier.`
      : shape === 'one heavy transaction'
        ? `One heavy transaction: tx ${analysis.criticalPath[0]} alone uses ${pct(analysis.criticalPathGas, analysis.totalGas)} % of the block’s gas, so no schedule can finish before it; ${plural(analysis.independent, 'transaction')} of ${groupDigits(n)} depend on nothing earlier.`
        : `${shape === 'mostly independent' ? 'Mostly independent' : 'Partly dependent'}: ${plural(analysis.independent, 'transaction')} of ${groupDigits(n)} depend on nothing earlier, ${plural(analysis.edges.length, 'dependency', 'dependencies')} link the rest.`;

  const patterns: string[] = [];
  const fromMiner = facts.senders.filter((s) => s.replace(/^0x/i, '').toLowerCase() === real.coinbase).length;
  if (fromMiner >= 5 || (n > 0 && fromMiner >= 0.1 * n)) {
    const who = real.recipient === 'the miner' ? 'A mining pool paying out from the coinbase: the miner' : 'The coinbase paying out: the fee recipient';
    patterns.push(
      `${who} ${shortAddress(real.coinbase)} sends ${plural(fromMiner, 'transaction')} of the block’s ${groupDigits(n)} itself, ` +
        (analysis.plain !== undefined && analysis.plain.speedupBound < 0.9 * analysis.speedupBound
          ? `each from the same account: read in full, its nonce and the balance it pays from would make each wait for the one before.`
          : `each from the same account, so each waits for the one before (its nonce, and the balance it pays from): one chain that no number of workers shortens.`),
    );
  }
  const plain = analysis.plain;
  if (plain !== undefined && plain.speedupBound < 0.9 * analysis.speedupBound) {
    patterns.push(
      `Senders read lazily: read in full, each sender’s nonce and balance would chain its transactions (a critical path of ${plural(plain.criticalPathLength, 'transaction')}, ` +
        `bound ${plain.speedupBound.toFixed(2)}×, as dag or access-locks see it); block-stm reads them as conditions checked when each transaction commits, ` +
        `and its bound is ${analysis.speedupBound.toFixed(2)}×.`,
    );
  }
  for (const h of hotKeys) {
    const others = h.txs.length;
    if (h.name.kind === 'reserves') {
      patterns.push(`One hot AMM pair: ${plural(others, 'transaction')} (${txList(h.txs)}) trade through ${real.who(keyAddress(h.key))}, each reading the reserves the one before it wrote.`);
    } else if (h.name.contract === 'WETH' && h.name.kind === 'contract balance') {
      patterns.push(`WETH withdrawals reading a shared balance: withdraw() pays ETH out of WETH’s own balance, so txs ${txList(h.txs)} depend on each other through it even when they unwrap for different people.`);
    } else if (h.name.kind === 'sender' && keyAddress(h.key) !== real.coinbase) {
      patterns.push(`One sender, several transactions: ${shortAddress(keyAddress(h.key))} sends txs ${txList(h.txs)}, which must run in nonce order.`);
    } else if (h.name.kind === 'token balance' && h.edges > 1) {
      patterns.push(`A busy token balance: ${h.name.text} is moved by txs ${txList(h.txs)}, one after another.`);
    } else if ((h.name.kind === 'slot' || h.name.kind === 'mapping') && h.calls.length === 1 && others >= 4) {
      patterns.push(
        `One contract, one shared value: ${plural(others, 'transaction')} call ${h.calls[0]} on ${real.who(keyAddress(h.key))}, and each reads ${h.name.text}, which the one before wrote (a counter or total every call updates).`,
      );
    }
  }

  const cp = analysis.criticalPath;
  const gasShare = pct(analysis.criticalPathGas, analysis.totalGas);
  const byGas = cp.length === 1 ? `a single transaction, tx ${cp[0]}, with ${gasShare} % of the block’s gas` : `${plural(cp.length, 'transaction')} with ${gasShare} % of the block’s gas`;
  const criticalPath =
    n === 0
      ? 'An empty block has no critical path.'
      : `Critical path: counted in transactions, the longest chain of dependent transactions holds ${plural(longest, 'transaction')}; weighed in gas, the heaviest chain is ${byGas}. ` +
        `The speedup bound (${analysis.speedupBound.toFixed(2)}×) uses the gas-weighted one: total gas ÷ that chain’s gas, since time follows gas more closely than the number of transactions.` +
        timeNote(analysis);
  return { shape, summary, hotKeys, patterns, criticalPath };
}

/** Where this run's own execution times tell another story than gas (a large contract creation is slow for its gas),
 * the bound by time, which is what a wall-clock speedup meets. */
function timeNote(a: Pick<ConflictAnalysis, 'speedupBound' | 'timeBound'>): string {
  const t = a.timeBound;
  if (t === undefined || Math.abs(t - a.speedupBound) <= 0.1 * a.speedupBound) return '';
  return ` Weighed by this run’s execution times instead, the bound is ${t.toFixed(2)}×: here time does not follow gas closely, and wall-clock speedups meet that one.`;
}
