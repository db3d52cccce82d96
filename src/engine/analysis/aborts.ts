/**
 * Abort anatomy: where a run's aborts come from — which keys, which patterns — from its trace alone (pure, no
 * platform; the CLI's `compare --why` and `bench` read it).
 *
 * An abort is a `validate-fail` (an execution read a stale value: it is thrown away, its gas wasted), an `exec-abort`
 * (an execution stopped on an ESTIMATE mark: no gas, its time wasted) or, for the declared-access strategies, an
 * `undeclared` key (the execution touched a key its declaration missed: it is re-run). Each is attributed to the key
 * it names and classified:
 * - pattern: the block's fee recipient (`coinbase`), the writer and the reader have the same sender (`same-sender`:
 *   a nonce chain), call the same contract (`same-target`), reach the same contract through different entry points
 *   (`shared-contract`: a slot, or a contract account), no transaction below writes the key any more
 *   (`vanished-write`: the write the reader saw went away when its writer re-ran), a key missing from a declaration
 *   (`undeclared`), or none of these (`other`);
 * - distance between writer and reader in the block: `adjacent` (1), `near` (2–8), `far` (more), `none` (no writer);
 * - a cascade: the writer had itself been aborted earlier in the run (every ESTIMATE stop is one by construction:
 *   the mark exists because its writer's execution failed);
 * - stray: the transaction's committed execution never reads the key at all — the read happened only on stale state
 *   (a branch taken on a value that changed) or was left over from another execution on the same worker; many of
 *   them on one account point at the executor rather than at the block.
 *
 * "Re-executions caused" counts, per abort, the later execution of the same transaction it made necessary (one at
 * most per abort; two aborts before one re-execution share it: it is counted for the first).
 *
 * Names: keys come out in `describeKey`'s hex form; `nameAnatomy` adds words from a caller's namer (the CLI passes
 * the real-block namer, which lives above the engine).
 */
import { coinbaseKey, describeKey, keyAddress, keyKind, type StateKey } from '../evm/keys.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Trace } from '../trace/events.ts';
import { committedAccesses } from './conflicts.ts';
import { SpanPairer } from './spans.ts';

export type AbortSource = 'validation' | 'estimate' | 'undeclared';
export type AbortPattern = 'coinbase' | 'same-sender' | 'same-target' | 'shared-contract' | 'vanished-write' | 'undeclared' | 'other';
export type AbortDistance = 'adjacent' | 'near' | 'far' | 'none';

export const ABORT_PATTERNS: readonly AbortPattern[] = ['same-target', 'shared-contract', 'same-sender', 'coinbase', 'vanished-write', 'undeclared', 'other'];
export const ABORT_DISTANCES: readonly AbortDistance[] = ['adjacent', 'near', 'far', 'none'];

/** Transactions listed per key, at most. */
export const MAX_TXS = 64;

/** Farthest writer–reader distance still counted `near`. */
export const NEAR = 8;

/** In words, for tables and the summary. */
export const PATTERN_TEXT: Record<AbortPattern, string> = {
  'same-target': 'same target contract',
  'shared-contract': 'same contract, different entry points',
  'same-sender': 'same sender (nonce chain)',
  coinbase: 'the fee recipient',
  'vanished-write': 'a write that vanished',
  undeclared: 'a key the declaration missed',
  other: 'other',
};
export const DISTANCE_TEXT: Record<AbortDistance, string> = {
  adjacent: 'adjacent',
  near: `2–${NEAR} apart`,
  far: `more than ${NEAR} apart`,
  none: 'no writer below',
};

/** One abort, classified. */
export interface AbortRecord {
  tx: number;
  incarnation: number;
  key: StateKey;
  /** The transaction whose write (or ESTIMATE mark) caused it; -1: none below writes the key now. */
  writer: number;
  source: AbortSource;
  pattern: AbortPattern;
  distance: AbortDistance;
  cascade: boolean;
  /** The transaction committed, and its committed execution does not read the key. */
  stray: boolean;
  /** Gas of the execution thrown away (0 for an ESTIMATE stop: it never finished). */
  wastedGas: number;
  /** Time of the execution thrown away, µs. */
  wastedUs: number;
  /** A later execution of the transaction followed (the re-execution this abort made necessary). */
  reexecuted: boolean;
}

type Counts<K extends string> = Record<K, number>;

interface Tally {
  aborts: number;
  validation: number;
  estimate: number;
  undeclared: number;
  reexecutions: number;
  wastedGas: number;
  wastedMs: number;
  cascades: number;
  /** Aborts on a key the aborted transaction's committed execution never reads. */
  stray: number;
  patterns: Counts<AbortPattern>;
  distances: Counts<AbortDistance>;
}

export interface KeyAnatomy extends Tally {
  key: StateKey;
  /** `describeKey`'s form: `0x7bc2…c90a[0xb]`. */
  hex: string;
  /** In words, when a namer was given (`nameAnatomy`); else the hex form. */
  name: string;
  /** The key's account, `0x`-prefixed. */
  address: string;
  /** Distinct transactions aborted on it, and distinct writers that caused it. */
  readers: number;
  writers: number;
  /** Transactions whose committed execution read or wrote the key; and any key of its account. */
  touchedBy: number;
  accountTouchedBy: number;
  /** Transactions that call its account directly (`to`). */
  calledBy: number;
  /** The transactions involved, readers and writers (the first `MAX_TXS`, in block order): a namer finds a
   * mapping's key among their words. */
  txs: number[];
}

export interface ContractAnatomy {
  address: string;
  /** In words when named; else the short hex form. */
  name: string;
  aborts: number;
  wastedGas: number;
  /** Distinct keys of it aborted on. */
  keys: number;
  touchedBy: number;
  calledBy: number;
}

export interface AbortAnatomy extends Tally {
  strategy: string;
  workers: number;
  txCount: number;
  /** Gas of the committed executions (the block's gas). */
  blockGas: number;
  /** Keys by aborts (then wasted gas), the first `top`. */
  byKey: KeyAnatomy[];
  /** What the keys after the first `top` add up to. */
  otherKeys: { keys: number; aborts: number; wastedGas: number };
  /** Accounts (contracts, senders, the fee recipient) by aborts on any of their keys, the first `top`. */
  byAccount: ContractAnatomy[];
  /** One paragraph in plain words, derived from the figures above. */
  summary: string;
}

export interface AnatomyOptions {
  /** Each transaction's sender (a run's `result.senders`); default: the scenario's `from` fields. */
  senders?: readonly (string | undefined)[];
  /** Keys and accounts kept in `byKey` / `byAccount` (default 10). */
  top?: number;
}

const zero = <K extends string>(keys: readonly K[]): Counts<K> => Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;
const tally = (): Tally => ({ aborts: 0, validation: 0, estimate: 0, undeclared: 0, reexecutions: 0, wastedGas: 0, wastedMs: 0, cascades: 0, stray: 0, patterns: zero(ABORT_PATTERNS), distances: zero(ABORT_DISTANCES) });

function add(t: Tally, r: AbortRecord): void {
  t.aborts++;
  t[r.source]++;
  if (r.reexecuted) t.reexecutions++;
  t.wastedGas += r.wastedGas;
  t.wastedMs += r.wastedUs / 1000;
  if (r.cascade) t.cascades++;
  if (r.stray) t.stray++;
  t.patterns[r.pattern]++;
  t.distances[r.distance]++;
}

const bareAddr = (a: string | null | undefined): string | undefined => (a ? a.replace(/^0x/i, '').toLowerCase() : undefined);
const short = (addr: string): string => `0x${addr.slice(0, 4)}…${addr.slice(-4)}`;

export function distanceOf(reader: number, writer: number): AbortDistance {
  if (writer < 0) return 'none';
  const d = reader - writer;
  return d <= 1 ? 'adjacent' : d <= NEAR ? 'near' : 'far';
}

/**
 * Every abort of the trace, classified, in the order the run recorded them. `scenario` gives the senders (unless
 * `senders` does), the targets, the coinbase and which accounts have code.
 */
export function abortRecords(
  trace: Pick<Trace, 'events' | 'txCount'>,
  scenario: Pick<Scenario, 'transactions' | 'block' | 'preState'>,
  senders: readonly (string | undefined)[] = scenario.transactions.map((t) => t.from),
): AbortRecord[] {
  const coinbase = coinbaseKey(scenario);
  const committed = new Set<number>();
  for (const e of trace.events) if (e.kind === 'commit') committed.add(e.tx);
  const finalReads = committedAccesses(trace.events, trace.txCount).map((c) => c.reads);
  const readSets = new Map<number, Set<StateKey>>();
  const isStray = (tx: number, key: StateKey, source: AbortSource): boolean => {
    if (source === 'undeclared' || !committed.has(tx)) return false;
    let set = readSets.get(tx);
    if (!set) readSets.set(tx, (set = new Set(finalReads[tx] ?? [])));
    return !set.has(key);
  };
  const sender = (i: number) => bareAddr(senders[i]);
  const target = (i: number) => bareAddr(scenario.transactions[i]?.to);
  const hasCode = (addr: string) => {
    const code = scenario.preState[`0x${addr}`]?.code;
    return (code !== undefined && code !== '0x') || scenario.transactions.some((t) => bareAddr(t.to) === addr && t.input.length > 2);
  };
  const codeCache = new Map<string, boolean>();
  const isContract = (addr: string) => {
    let c = codeCache.get(addr);
    if (c === undefined) codeCache.set(addr, (c = hasCode(addr)));
    return c;
  };
  const classify = (tx: number, writer: number, key: StateKey, source: AbortSource): AbortPattern => {
    if (source === 'undeclared') return 'undeclared';
    if (key === coinbase) return 'coinbase';
    if (writer < 0) return 'vanished-write';
    const s = sender(tx);
    if (s !== undefined && s === sender(writer)) return 'same-sender';
    const t = target(tx);
    if (t !== undefined && t === target(writer)) return 'same-target';
    if (keyKind(key) !== 'account' || isContract(keyAddress(key))) return 'shared-contract';
    return 'other';
  };

  const spans = new SpanPairer();
  const finished = new Map<string, { gas: number; us: number }>(); // the latest finished execution per tx:incarnation
  const abortedTxs = new Set<number>();
  const pending = new Map<number, AbortRecord>(); // an abort per tx still waiting for its re-execution
  const out: AbortRecord[] = [];
  const record = (tx: number, incarnation: number, key: StateKey, writer: number, source: AbortSource, wasted: { gas: number; us: number } | undefined) => {
    const r: AbortRecord = {
      tx, incarnation, key, writer, source,
      pattern: classify(tx, writer, key, source),
      distance: distanceOf(tx, writer),
      cascade: writer >= 0 && abortedTxs.has(writer),
      stray: isStray(tx, key, source),
      wastedGas: wasted?.gas ?? 0,
      wastedUs: wasted?.us ?? 0,
      reexecuted: false,
    };
    out.push(r);
    abortedTxs.add(tx);
    if (!pending.has(tx)) pending.set(tx, r);
  };
  for (const e of trace.events) {
    const span = spans.push(e);
    if (span) {
      const end = span.end;
      const x = { gas: end.kind === 'exec-end' ? end.gas : 0, us: Math.max(0, span.t1 - span.t0) };
      if (end.kind === 'exec-end') {
        if (end.exec !== 'hint') finished.set(`${end.tx}:${end.incarnation}`, x);
      } else record(end.tx, end.incarnation, end.key, end.blockingTx, 'estimate', x);
      continue;
    }
    switch (e.kind) {
      case 'exec-start': {
        if (e.exec === 'hint') break;
        const waiting = pending.get(e.tx);
        if (waiting) {
          waiting.reexecuted = true;
          pending.delete(e.tx);
        }
        break;
      }
      case 'validate-fail':
        record(e.tx, e.incarnation, e.key, e.writerTx, 'validation', finished.get(`${e.tx}:${e.incarnation}`));
        break;
      case 'undeclared':
        record(e.tx, e.incarnation, e.key, -1, 'undeclared', finished.get(`${e.tx}:${e.incarnation}`));
        break;
    }
  }
  return out;
}

/** The anatomy of a run's aborts (hex names; `nameAnatomy` puts words on them). */
export function abortAnatomy(
  trace: Pick<Trace, 'events' | 'txCount' | 'strategy' | 'workers'>,
  scenario: Pick<Scenario, 'transactions' | 'block' | 'preState'>,
  o: AnatomyOptions = {},
): AbortAnatomy {
  const top = o.top ?? 10;
  const records = abortRecords(trace, scenario, o.senders);
  const total = tally();
  const keys = new Map<StateKey, { t: Tally; readers: Set<number>; writers: Set<number> }>();
  const accounts = new Map<string, { aborts: number; wastedGas: number; keys: Set<StateKey> }>();
  for (const r of records) {
    add(total, r);
    let k = keys.get(r.key);
    if (!k) keys.set(r.key, (k = { t: tally(), readers: new Set(), writers: new Set() }));
    add(k.t, r);
    k.readers.add(r.tx);
    if (r.writer >= 0) k.writers.add(r.writer);
    const addr = keyAddress(r.key);
    let a = accounts.get(addr);
    if (!a) accounts.set(addr, (a = { aborts: 0, wastedGas: 0, keys: new Set() }));
    a.aborts++;
    a.wastedGas += r.wastedGas;
    a.keys.add(r.key);
  }

  const ranked = [...keys].sort((x, y) => y[1].t.aborts - x[1].t.aborts || y[1].t.wastedGas - x[1].t.wastedGas || (x[0] < y[0] ? -1 : 1));
  const kept = ranked.slice(0, top);
  const rankedAccounts = [...accounts].sort((x, y) => y[1].aborts - x[1].aborts || y[1].wastedGas - x[1].wastedGas || (x[0] < y[0] ? -1 : 1)).slice(0, top);

  // Who touches the kept keys and accounts: the committed executions' read and write sets.
  const wantKeys = new Set(kept.map(([k]) => k));
  const wantAddrs = new Set([...kept.map(([k]) => keyAddress(k)), ...rankedAccounts.map(([a]) => a)]);
  const keyTouch = new Map<StateKey, number>();
  const addrTouch = new Map<string, number>();
  const accesses = committedAccesses(trace.events, trace.txCount);
  let blockGas = 0;
  for (const c of accesses) {
    blockGas += c.gas;
    const seenKeys = new Set<StateKey>();
    const seenAddrs = new Set<string>();
    for (const key of [...c.reads, ...c.writes]) {
      if (wantKeys.has(key) && !seenKeys.has(key)) {
        seenKeys.add(key);
        keyTouch.set(key, (keyTouch.get(key) ?? 0) + 1);
      }
      const addr = keyAddress(key);
      if (wantAddrs.has(addr) && !seenAddrs.has(addr)) {
        seenAddrs.add(addr);
        addrTouch.set(addr, (addrTouch.get(addr) ?? 0) + 1);
      }
    }
  }
  const calls = new Map<string, number>();
  for (const t of scenario.transactions) {
    const to = bareAddr(t.to);
    if (to !== undefined && wantAddrs.has(to)) calls.set(to, (calls.get(to) ?? 0) + 1);
  }

  const otherKeys = { keys: 0, aborts: 0, wastedGas: 0 };
  for (const [, k] of ranked.slice(top)) {
    otherKeys.keys++;
    otherKeys.aborts += k.t.aborts;
    otherKeys.wastedGas += k.t.wastedGas;
  }
  const out: AbortAnatomy = {
    strategy: trace.strategy,
    workers: trace.workers,
    txCount: trace.txCount,
    blockGas,
    ...total,
    byKey: kept.map(([key, k]) => ({
      key,
      hex: describeKey(key),
      name: describeKey(key),
      address: `0x${keyAddress(key)}`,
      ...k.t,
      readers: k.readers.size,
      writers: k.writers.size,
      touchedBy: keyTouch.get(key) ?? 0,
      accountTouchedBy: addrTouch.get(keyAddress(key)) ?? 0,
      calledBy: calls.get(keyAddress(key)) ?? 0,
      txs: [...new Set([...k.readers, ...k.writers])].sort((x, y) => x - y).slice(0, MAX_TXS),
    })),
    otherKeys,
    byAccount: rankedAccounts.map(([addr, a]) => ({
      address: `0x${addr}`,
      name: short(addr),
      aborts: a.aborts,
      wastedGas: a.wastedGas,
      keys: a.keys.size,
      touchedBy: addrTouch.get(addr) ?? 0,
      calledBy: calls.get(addr) ?? 0,
    })),
    summary: '',
  };
  out.summary = summariseAnatomy(out);
  return out;
}

/** Puts words on an anatomy's keys and accounts (a namer that knows the block: a token's balanceOf, a pair's
 * reserves, a sender's nonce), and rewrites the summary with them. */
export function nameAnatomy(
  a: AbortAnatomy,
  namer: { key?: (key: StateKey, txs: readonly number[]) => string; account?: (address: string) => string },
): AbortAnatomy {
  const out: AbortAnatomy = {
    ...a,
    byKey: a.byKey.map((k) => ({ ...k, name: namer.key ? namer.key(k.key, k.txs) : k.name })),
    byAccount: a.byAccount.map((c) => ({ ...c, name: namer.account ? namer.account(c.address) : c.name })),
  };
  out.summary = summariseAnatomy(out);
  return out;
}

const pct = (part: number, whole: number): string => `${whole > 0 ? Math.round((100 * part) / whole) : 0} %`;

/** The largest entry of a count record (ties: the order of `keys`). */
function dominant<K extends string>(counts: Counts<K>, keys: readonly K[]): K {
  return keys.reduce((best, k) => (counts[k] > counts[best] ? k : best), keys[0]!);
}

/** What a key's dominant pattern means, as a noun phrase. */
const VERDICT: Record<AbortPattern, string> = {
  'same-target': 'a hot contract',
  'shared-contract': 'a hot contract reached through different entry points',
  'same-sender': 'a sender’s nonce chain',
  coinbase: 'the fee recipient’s balance',
  'vanished-write': 'writes that vanished when their writer re-ran',
  undeclared: 'keys the transactions’ declared access sets missed',
  other: 'an account several transactions share',
};

/** What a scheduler could do about a pattern (the CLI prints it beside the key; the docs discuss it). */
export const REMEDY: Record<AbortPattern, string> = {
  'same-target': 'chain the calls to this contract behind each other from its first conflict (or before it, from a hint or an earlier run)',
  'shared-contract': 'chain every transaction that reaches this contract, whatever it calls first (an access hint or an earlier run names them)',
  'same-sender': 'pre-schedule a sender’s later transactions behind its earlier ones (the nonce says the order)',
  coinbase: 'credit fees as commutative deltas, and only order the transactions that read the fee recipient’s balance',
  'vanished-write': 'validate against the writer’s newest incarnation before re-running readers (the write may not come back)',
  undeclared: 'widen the declarations (an access-list hint pass, or what an earlier run touched)',
  other: 'do not start a transaction whose known writer is still running',
};

/** The dominant pattern of a key (or a whole anatomy). */
export const dominantPattern = (t: Pick<Tally, 'patterns'>): AbortPattern => dominant(t.patterns, ABORT_PATTERNS);
export const dominantDistance = (t: Pick<Tally, 'distances'>): AbortDistance => dominant(t.distances, ABORT_DISTANCES);

const gasText = (g: number): string => (g >= 1e6 ? `${(g / 1e6).toFixed(2)} M` : g >= 1e3 ? `${(g / 1e3).toFixed(1)} k` : String(g));
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** One paragraph in plain words from the figures (never per block by hand). */
export function summariseAnatomy(a: AbortAnatomy): string {
  const who = `${a.strategy} ×${a.workers}`;
  if (a.aborts === 0) return `${who}: no aborts in this run — no execution was thrown away for a conflict.`;
  const parts: string[] = [];
  parts.push(
    `${who}: ${plural(a.aborts, 'abort')} (${a.validation} failed validation${a.validation === 1 ? '' : 's'}, ${a.estimate} stopped on an ESTIMATE` +
      `${a.undeclared > 0 ? `, ${a.undeclared} on an undeclared key` : ''}), ` +
      `${gasText(a.wastedGas)} gas thrown away (${pct(a.wastedGas, a.blockGas)} of the block's gas).`,
  );
  const k = a.byKey[0];
  if (k) {
    const pattern = dominant(k.patterns, ABORT_PATTERNS);
    const verdict = k.stray * 2 > k.aborts ? 'a read the transactions’ committed executions never make' : VERDICT[pattern];
    const distance = dominant(k.distances, ABORT_DISTANCES);
    const touch = k.touchedBy > 0 ? `, which ${k.touchedBy} of the block's ${a.txCount} transactions touch` : '';
    const where = distance === 'none' ? '' : `, mostly ${DISTANCE_TEXT[distance]}`;
    parts.push(`${pct(k.aborts, a.aborts)} of them (${k.aborts}) are on ${k.name}${touch}${where}: ${verdict}.`);
    // An account behind several of the top keys (a pair's reserves and its balances): say how much it takes in all.
    const acct = a.byAccount[0];
    if (acct && acct.keys > 1 && acct.aborts > k.aborts && acct.address === k.address) {
      parts.push(`All keys of ${acct.name} together: ${pct(acct.aborts, a.aborts)} (${plural(acct.keys, 'key')}).`);
    }
    const second = a.byKey[1];
    if (second && second.aborts >= a.aborts * 0.1) parts.push(`Next: ${second.name}, ${pct(second.aborts, a.aborts)}.`);
  }
  const byPattern = ABORT_PATTERNS.filter((p) => a.patterns[p] > 0)
    .sort((x, y) => a.patterns[y] - a.patterns[x])
    .map((p) => `${PATTERN_TEXT[p]} ${pct(a.patterns[p], a.aborts)}`);
  parts.push(`By pattern: ${byPattern.join(', ')}.`);
  const byDistance = ABORT_DISTANCES.filter((d) => a.distances[d] > 0).map((d) => `${DISTANCE_TEXT[d]} ${pct(a.distances[d], a.aborts)}`);
  parts.push(`Writer to reader: ${byDistance.join(', ')}.`);
  if (a.cascades > 0) parts.push(`${pct(a.cascades, a.aborts)} are cascades (the writer had itself been aborted before).`);
  if (a.stray > 0) {
    parts.push(
      `${pct(a.stray, a.aborts)} are on a key the aborted transaction's committed execution never reads ` +
        '(a read made on stale state, or left over from another execution on the same worker).',
    );
  }
  return parts.join(' ');
}
