/**
 * `serializeScenario`'s exact text, produced piece by piece: a 100,000-transaction scenario is ~100–200 MB of JSON,
 * and building it as one string (plus the canonical copy `serializeScenario` makes first) costs over a gigabyte.
 * Each piece is `serializeScenario` itself run on a slice of the accounts or transactions, cut out of its output,
 * so the format stays defined in one place (a test checks the concatenation equals the one-shot text).
 */
import { serializeScenario } from '../../engine/scenario/index.ts';
import type { PreState, Scenario } from '../../engine/scenario/types.ts';

const CHUNK = 500;
const EMPTY_PRESTATE = '"preState": {}';
const EMPTY_TRANSACTIONS = '"transactions": []';

/** Yields the pieces of `serializeScenario(s)`, in order. */
export function* serializeScenarioChunks(s: Scenario): Generator<string> {
  const shell = serializeScenario({ ...s, preState: {}, transactions: [] });
  const atPre = shell.indexOf(EMPTY_PRESTATE);
  const atTxs = shell.indexOf(EMPTY_TRANSACTIONS, atPre);
  if (atPre < 0 || atTxs < 0) throw new Error('serializeScenarioChunks: unexpected scenario layout');
  // Slices are serialised inside a bare scenario (no user text), so the markers below cannot occur in its strings.
  const bare: Scenario = { version: 1, name: 'x', chain: s.chain, block: s.block, preState: {}, transactions: [] };

  yield shell.slice(0, atPre);
  const addresses = (Object.keys(s.preState) as (keyof PreState)[]).sort(); // the order serializeScenario uses
  if (addresses.length === 0) yield EMPTY_PRESTATE;
  else {
    yield '"preState": {\n';
    for (let i = 0; i < addresses.length; i += CHUNK) {
      const slice: PreState = {};
      for (const a of addresses.slice(i, i + CHUNK)) slice[a] = s.preState[a]!;
      const text = serializeScenario({ ...bare, preState: slice });
      yield (i > 0 ? ',\n' : '') + between(text, '"preState": {\n', '\n  },\n  "transactions"');
    }
    yield '\n  }';
  }
  yield shell.slice(atPre + EMPTY_PRESTATE.length, atTxs);
  if (s.transactions.length === 0) yield EMPTY_TRANSACTIONS;
  else {
    yield '"transactions": [\n';
    for (let i = 0; i < s.transactions.length; i += CHUNK) {
      const text = serializeScenario({ ...bare, transactions: s.transactions.slice(i, i + CHUNK) });
      yield (i > 0 ? ',\n' : '') + between(text, '"transactions": [\n', '\n  ]\n}');
    }
    yield '\n  ]';
  }
  yield shell.slice(atTxs + EMPTY_TRANSACTIONS.length);
}

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start) + start.length;
  return text.slice(from, text.lastIndexOf(end));
}
