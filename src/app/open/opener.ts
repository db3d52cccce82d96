/**
 * Opening files, as pure logic over parsed JSON (the parse worker reads and parses; this decides): what each file is
 * (`detectFileKind`: by content, never by name), the scenario it makes, and what is still missing. It remembers
 * between calls the half of a node dump that waits for the other, and a blockchain-test file whose test the user has
 * not picked yet. Never throws: every problem is an `error` outcome whose message names the file and the field.
 */
import { bundleToScenario } from '../../engine/scenario/bundle.ts';
import { ScenarioError } from '../../engine/scenario/errors.ts';
import { FILE_KIND_TITLE, detectFileKind, type FileKind } from '../../engine/scenario/fileKind.ts';
import { type FixtureOptions, fixtureTestNames, fixtureToScenario } from '../../engine/scenario/fixture.ts';
import { rpcDumpToScenario } from '../../engine/scenario/rpcDump.ts';
import { safeParseScenario } from '../../engine/scenario/schema.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import type { Pending } from './types.ts';

export interface Parsed {
  name: string;
  json: unknown;
}

export type Decision =
  | { status: 'opened'; kind: FileKind; name: string; scenario: Scenario }
  | { status: 'half'; pending: Pending }
  | { status: 'pick'; name: string; tests: string[] }
  | { status: 'error'; message: string; pending?: Pending };

type Half = Parsed & { kind: 'rpc-block' | 'rpc-trace' };

export class Opener {
  /** Reads blocks given only as RLP (`evm/blockRlp.ts`); set by the service when a file has them, which loads it. */
  decodeRlp?: FixtureOptions['decodeRlp'];
  private half: Half | undefined;
  private fixture: Parsed | undefined;

  /** The half of a node dump waiting for the other, if one is. */
  get pending(): Pending | undefined {
    return this.half ? pendingOf(this.half) : undefined;
  }

  /** Forget the waiting half (the user closed it). */
  cancelPending(): void {
    this.half = undefined;
  }

  /** One file, or several at once (a block and its trace). */
  open(files: Parsed[]): Decision {
    try {
      return this.decide(files);
    } catch (error) {
      return this.error(error);
    }
  }

  /** The test to open from the blockchain-test file that asked (`pick`). */
  pick(test: string): Decision {
    const f = this.fixture;
    if (!f) return { status: 'error', message: 'no blockchain-test file is waiting for a pick: open the file again' };
    try {
      const scenario = fixtureToScenario(f.json, { test, sourceName: f.name, decodeRlp: this.decodeRlp });
      this.fixture = undefined;
      return { status: 'opened', kind: 'fixture', name: f.name, scenario };
    } catch (error) {
      // The file stays: the user may pick another test.
      return this.error(error);
    }
  }

  private decide(files: Parsed[]): Decision {
    if (files.length === 0) return { status: 'error', message: 'no file was given' };
    const kinds = files.map((f) => ({ ...f, detected: detectFileKind(f.json) }));
    const unknown = kinds.find((k) => k.detected.kind === 'unknown');
    if (unknown && unknown.detected.kind === 'unknown') return this.fail(`${unknown.name}: ${unknown.detected.message}`);
    const halves = kinds.filter((k): k is typeof k & { detected: { kind: 'rpc-block' | 'rpc-trace' } } => k.detected.kind === 'rpc-block' || k.detected.kind === 'rpc-trace');
    if (files.length > 2 || (files.length === 2 && (halves.length !== 2 || halves[0]!.detected.kind === halves[1]!.detected.kind))) {
      const list = kinds.map((k) => `${k.name} (${k.detected.kind === 'unknown' ? 'unknown' : FILE_KIND_TITLE[k.detected.kind]})`).join(', ');
      return this.fail(`open one file at a time, or a block and its prestateTracer trace together; got ${files.length}: ${list}`);
    }
    if (halves.length > 0) {
      let block: Half | undefined;
      let trace: Half | undefined;
      for (const h of halves) {
        const half: Half = { name: h.name, json: h.json, kind: h.detected.kind };
        if (half.kind === 'rpc-block') block = half;
        else trace = half;
      }
      // One half now, the other one opened before (or not yet).
      block ??= this.half?.kind === 'rpc-block' ? this.half : undefined;
      trace ??= this.half?.kind === 'rpc-trace' ? this.half : undefined;
      if (!block || !trace) {
        this.half = (block ?? trace)!;
        return { status: 'half', pending: pendingOf(this.half) };
      }
      const earlier = this.half;
      try {
        const scenario = rpcDumpToScenario(block.json, trace.json, { blockSource: block.name, traceSource: trace.name });
        this.half = undefined;
        return { status: 'opened', kind: 'rpc-block', name: `${block.name} + ${trace.name}`, scenario };
      } catch (error) {
        // The half opened before keeps waiting: the one just opened is the likelier mistake.
        this.half = earlier && (earlier === block || earlier === trace) ? earlier : undefined;
        return this.error(error);
      }
    }
    const [f] = kinds as [(typeof kinds)[number]];
    switch (f.detected.kind) {
      case 'bundle':
        return { status: 'opened', kind: 'bundle', name: f.name, scenario: bundleToScenario(f.json, { sourceName: f.name }) };
      case 'fixture': {
        const tests = fixtureTestNames(f.json);
        if (tests.length === 1) return { status: 'opened', kind: 'fixture', name: f.name, scenario: fixtureToScenario(f.json, { test: tests[0], sourceName: f.name, decodeRlp: this.decodeRlp }) };
        this.fixture = { name: f.name, json: f.json };
        return { status: 'pick', name: f.name, tests };
      }
      default: {
        const result = safeParseScenario(f.json);
        if (!result.ok) throw result.error.withSource(f.name);
        return { status: 'opened', kind: 'scenario', name: f.name, scenario: result.scenario };
      }
    }
  }

  private fail(message: string): Decision {
    return { status: 'error', message, ...(this.half ? { pending: pendingOf(this.half) } : {}) };
  }

  private error(error: unknown): Decision {
    if (error instanceof ScenarioError) return this.fail(error.message);
    // A bug, not bad input: still a message, never a crash of the page.
    return this.fail(`could not be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function pendingOf(h: Half): Pending {
  const missing = h.kind === 'rpc-block'
    ? 'its pre-state is still missing: open the block’s debug_traceBlockByNumber(n, {tracer: "prestateTracer"}) answer'
    : 'its block is still missing: open the block’s eth_getBlockByNumber(n, true) answer';
  return { have: h.kind, name: h.name, message: `${h.name} is ${article(FILE_KIND_TITLE[h.kind])} ${FILE_KIND_TITLE[h.kind]}; ${missing}.` };
}

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');
