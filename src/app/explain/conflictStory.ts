/**
 * Why a conflict happened, in words: which transaction wrote which key, which one read it, the value it read and the
 * value it should have seen, where in the contract that happens (function and source line, for contracts whose
 * source the page has), and what became of the reader. Every sentence is made from the trace event and the
 * scenario; nothing is scripted per workload.
 */
import type { TraceValue } from '../../engine/trace/events.ts';
import type { Access, ContractDoc, FunctionDoc } from '../../workloads/compiler/contractDocs.ts';
import { describeValues, formatAmount } from './values.ts';
import type { AddressBook, Named } from './addressBook.ts';
import { type KeyName, type KeyNamer, possessive } from './keyNames.ts';

export type ConflictKind = 'validate-fail' | 'exec-abort' | 'blocked' | 'undeclared';

/** One conflict as the trace recorded it, with what became of the reader afterwards. */
export interface ConflictFacts {
  kind: ConflictKind;
  tx: number;
  incarnation: number;
  /** -1: nobody is named. */
  writer: number;
  key: string;
  read?: TraceValue;
  expected?: TraceValue;
  /** The reader's execution that finally counted, if known: its incarnation. */
  committedIncarnation?: number;
}

/** A line of a contract's source where the key is read or written. */
export interface SourceQuote {
  role: 'read' | 'write';
  contract: string;
  /** `swap()`. */
  fn: string;
  file: string;
  line: number;
  text: string;
}

export interface Explanation {
  headline: string;
  sentences: string[];
  quotes: SourceQuote[];
  key: KeyName;
  values: { read?: string; expected?: string; change?: string };
}

export interface TxCall {
  /** Who sent it. */
  who: string;
  /** What it called, when the page knows: the contract's doc and function. */
  target?: Named;
  fn?: FunctionDoc;
  /** `Alice’s swap() on Pool 0`, `Alice pays Bob 0.1 ETH`, `a deployment by the deployer`. */
  text: string;
}

/** Transaction `i` in words. `fnName` names a selector the docs do not know (from ABIs). */
export function describeCall(i: number, book: AddressBook, fnName?: (selector: string) => string | undefined): TxCall {
  const tx = book.scenario.transactions[i];
  const sender = book.sender(i);
  const who = sender ? book.of(sender).name : 'someone';
  if (!tx) return { who, text: `transaction ${i}` };
  if (tx.to === null) return { who, text: `a deployment by ${who}` };
  const target = book.of(tx.to);
  const selector = tx.input.length >= 10 ? tx.input.slice(0, 10).toLowerCase() : undefined;
  if (!selector) {
    const value = BigInt(tx.value);
    return { who, target, text: value > 0n ? `${who} pays ${target.name} ${formatAmount(value, 4, 'ETH').replace(/^([\d,]+)$/, '$1 wei')}` : `${who}’s empty call to ${target.name}` };
  }
  const fn = target.doc?.functions.find((f) => f.selector === selector);
  const name = fn?.name ?? fnName?.(selector) ?? tx.label;
  if (name === undefined) return { who, target, text: `${possessive(who)} call ${selector} to ${target.name}` };
  return { who, target, ...(fn ? { fn } : {}), text: `${possessive(who)} ${/^[A-Za-z_]\w*$/.test(name) ? `${name}()` : name} on ${target.name}` };
}

/**
 * The lines of the called contract (or of the contract it calls into) where `role` happens to the key: matched by
 * the key's variable (and member, when both name one).
 */
export function whereInCode(call: TxCall, key: KeyName, role: 'read' | 'write'): SourceQuote[] {
  const owner = key.owner.doc;
  const variable = key.slot?.variable;
  if (!owner || !variable || !call.fn || !call.target?.doc) return [];
  const quotes = (doc: ContractDoc, fn: FunctionDoc): SourceQuote[] => {
    const list = role === 'read' ? fn.reads : fn.writes;
    const same = (a: Access) => a.variable === variable;
    const exact = list.filter((a) => same(a) && (!key.slot?.member || !a.member || a.member === key.slot.member));
    return (exact.length ? exact : list.filter(same)).map((a) => ({ role, contract: doc.name, fn: `${fn.name}()`, file: a.file, line: a.line, text: a.text }));
  };
  if (owner === call.target.doc) return quotes(owner, call.fn);
  // A call into the key's contract (a swap moving a token's balances): the callee's lines.
  return call.fn.calls
    .filter((c) => c.startsWith(`${owner.name}.`))
    .flatMap((c) => owner.functions.filter((f) => f.name === c.slice(owner.name.length + 1)).flatMap((f) => quotes(owner, f)));
}

const at = (q: readonly SourceQuote[]): string => {
  if (q.length === 0) return '';
  const lines = [...new Set(q.map((x) => x.line))].sort((a, b) => a - b);
  const fns = [...new Set(q.map((x) => x.fn))].join(' or ');
  return ` (${fns} in ${q[0]!.file}, line${lines.length > 1 ? 's' : ''} ${lines.join(', ')})`;
};

/** The whole story of one conflict. */
export function explainConflict(c: ConflictFacts, namer: KeyNamer, fnName?: (selector: string) => string | undefined): Explanation {
  const book = namer.book;
  const key = namer.name(c.key, c.writer >= 0 ? [c.tx, c.writer] : [c.tx]);
  const reader = describeCall(c.tx, book, fnName);
  const writer = c.writer >= 0 ? describeCall(c.writer, book, fnName) : undefined;
  const reads = whereInCode(reader, key, 'read');
  const writes = writer ? whereInCode(writer, key, 'write') : [];
  const values = describeValues(c.read, c.expected, key, book);
  const R = `tx ${c.tx} (${reader.text})`;
  const W = writer ? `tx ${c.writer} (${writer.text})` : '';
  const sentences: string[] = [];
  let headline: string;
  switch (c.kind) {
    case 'validate-fail': {
      headline = `Why tx ${c.tx} ran again`;
      // No value to quote when the writer's entry was an estimate: it was being run again itself.
      const pending = writer ? `; tx ${c.writer} was itself being run again, so the value it should have seen was not known yet` : '';
      const saw = values.read ? `: it read ${values.read}${values.expected ? ` and should have seen ${values.expected}${values.change ? ` (${values.change})` : ''}` : pending}` : '';
      if (writer) {
        sentences.push(`${W} wrote ${key.text}${at(writes)}.`);
        sentences.push(`${R} had read it before that write${at(reads)}${saw}.`);
      } else {
        sentences.push(`${R} read ${key.text}${at(reads)}${saw}.`);
        sentences.push('That value is no longer the latest below it: the transaction that had written it ran again and no longer writes it.');
      }
      sentences.push(`Validation caught the stale read, so incarnation ${c.incarnation} of tx ${c.tx} was thrown away${rerun(c)}.`);
      break;
    }
    case 'exec-abort':
      headline = `Why tx ${c.tx} stopped`;
      sentences.push(`${W || 'An earlier transaction'} was being run again, so its write of ${key.text}${at(writes)} was marked as an estimate: a value about to change.`);
      sentences.push(`${R} needed ${key.text}${at(reads)} and stopped there rather than read it; it waits for tx ${c.writer} and runs again${rerun(c)}.`);
      break;
    case 'blocked':
      headline = `Why tx ${c.tx} waited`;
      sentences.push(`${R} reads ${key.text}${at(reads)}, which ${W || 'an earlier transaction'} writes${at(writes)}: it waited for that write before running on${rerun(c)}.`);
      break;
    case 'undeclared':
      headline = `Why tx ${c.tx} ran again`;
      sentences.push(`${R} touched ${key.text}${at(reads.length ? reads : whereInCode(reader, key, 'write'))}, which it had not declared (its access list or predicted route left it out).`);
      sentences.push(`A result that touched undeclared state cannot be trusted, so it ran again${rerun(c)}.`);
      break;
  }
  return { headline, sentences, quotes: [...writes, ...reads], key, values };
}

function rerun(c: ConflictFacts): string {
  if (c.committedIncarnation === undefined || c.committedIncarnation <= c.incarnation) return '';
  return `; incarnation ${c.committedIncarnation} committed`;
}
