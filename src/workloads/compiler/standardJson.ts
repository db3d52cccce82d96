/**
 * solc's standard-JSON interface, as pure functions shared by the Node compiler and the browser worker: build the
 * input (several source files, an EVM version chosen from the scenario's hardfork, optimizer settings) and parse
 * the output into contracts and errors with file, line and column.
 */
import type { Hex } from '../../engine/scenario/types.ts';
import { type ContractDoc, contractDocs } from './contractDocs.ts';
import type { SolcLayout } from './storageLayout.ts';

export interface CompileInput {
  /** File name (e.g. `Token.sol`) → Solidity text. Imports resolve between these names only. */
  sources: Record<string, string>;
  /** ethereumjs hardfork name (or solc EVM version) the code must run on; default `berlin`, which runs everywhere. */
  hardfork?: string;
  /** Default: enabled, 200 runs. */
  optimizer?: { enabled: boolean; runs: number };
}

export interface CompiledContract {
  abi: unknown[];
  /** Creation code (constructor + runtime), `0x` hex; `0x` for interfaces and abstract contracts. */
  bytecode: Hex;
  /** Runtime code, what a pre-state account holds. */
  deployedBytecode: Hex;
  /** Immutables are filled in by the constructor: such a contract must be deployed, not copied into a pre-state. */
  hasImmutables: boolean;
  /** Its storage layout and, per function, the state it reads and writes on which line (absent if solc gave no AST). */
  doc?: ContractDoc;
}

export interface CompileMessage {
  severity: 'error' | 'warning' | 'info';
  /** e.g. `ParserError`, `TypeError`, `Warning`. */
  type: string;
  message: string;
  /** Where solc points, when it points somewhere; line and column are 1-based, the column counts UTF-16 units. */
  file?: string;
  line?: number;
  column?: number;
  /** solc's own rendering, with the source excerpt. */
  formatted: string;
}

export interface CompileOutput {
  /** file → contract name → artifact. Empty when any error occurred. */
  contracts: Record<string, Record<string, CompiledContract>>;
  errors: CompileMessage[];
}

/** solc's EVM versions that ethereumjs hardforks map onto (solc 0.8.30 knows up to `osaka`). */
const EVM_VERSION_OF: Record<string, string> = {
  homestead: 'homestead',
  dao: 'homestead',
  tangerineWhistle: 'tangerineWhistle',
  spuriousDragon: 'spuriousDragon',
  byzantium: 'byzantium',
  constantinople: 'constantinople',
  petersburg: 'petersburg',
  istanbul: 'istanbul',
  muirGlacier: 'istanbul',
  berlin: 'berlin',
  london: 'london',
  arrowGlacier: 'london',
  grayGlacier: 'london',
  mergeNetsplitBlock: 'london',
  paris: 'paris',
  shanghai: 'shanghai',
  cancun: 'cancun',
  prague: 'prague',
  osaka: 'osaka',
};

export const DEFAULT_HARDFORK = 'berlin';
export const DEFAULT_OPTIMIZER = { enabled: true, runs: 200 } as const;

/** The `evmVersion` setting for code that must run on `hardfork`. */
export function evmVersionFor(hardfork: string): string {
  const v = EVM_VERSION_OF[hardfork];
  if (v === undefined) {
    throw new Error(`hardfork: no solc EVM version for "${hardfork}" (expected one of ${Object.keys(EVM_VERSION_OF).join(', ')})`);
  }
  return v;
}

/**
 * The standard-JSON input text. Canonical: sources sorted by name and a fixed key order, so equal inputs give equal
 * text (the cache key hashes it).
 */
export function buildStandardInput(input: CompileInput): string {
  const names = Object.keys(input.sources).sort();
  return JSON.stringify({
    language: 'Solidity',
    sources: Object.fromEntries(names.map((n) => [n, { content: input.sources[n]! }])),
    settings: {
      evmVersion: evmVersionFor(input.hardfork ?? DEFAULT_HARDFORK),
      optimizer: { enabled: input.optimizer?.enabled ?? true, runs: input.optimizer?.runs ?? DEFAULT_OPTIMIZER.runs },
      // No metadata hash: bytecode then does not change with comments or line endings (CRLF checkouts).
      metadata: { bytecodeHash: 'none' },
      outputSelection: {
        '*': {
          // The AST and storage layouts become each contract's `doc` (contractDocs.ts); the AST itself is dropped.
          '': ['ast'],
          '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.deployedBytecode.immutableReferences', 'storageLayout'],
        },
      },
    },
  });
}

interface SolcError {
  severity: 'error' | 'warning' | 'info';
  type?: string;
  message: string;
  formattedMessage?: string;
  sourceLocation?: { file: string; start: number; end: number };
}

interface SolcContract {
  abi?: unknown[];
  storageLayout?: SolcLayout;
  evm?: {
    bytecode?: { object?: string };
    deployedBytecode?: { object?: string; immutableReferences?: Record<string, unknown> };
  };
}

/** Parses solc's output text; `sources` (the compiled ones) turn byte offsets into lines and columns. */
export function parseStandardOutput(outputJson: string, sources: Record<string, string>): CompileOutput {
  const raw = JSON.parse(outputJson) as {
    errors?: SolcError[];
    contracts?: Record<string, Record<string, SolcContract>>;
    sources?: Record<string, { id: number; ast?: unknown }>;
  };
  const errors = (raw.errors ?? []).map((e) => toMessage(e, sources));
  const contracts: CompileOutput['contracts'] = {};
  const layouts = Object.fromEntries(Object.entries(raw.contracts ?? {}).map(([file, cs]) => [file, Object.fromEntries(Object.entries(cs).map(([n, c]) => [n, c.storageLayout]))]));
  const docs = raw.sources ? contractDocs(raw.sources, layouts, sources) : {};
  for (const file of Object.keys(raw.contracts ?? {}).sort()) {
    contracts[file] = {};
    for (const [name, c] of Object.entries(raw.contracts![file]!)) {
      const doc = docs[file]?.[name];
      contracts[file][name] = {
        abi: c.abi ?? [],
        bytecode: `0x${c.evm?.bytecode?.object ?? ''}`,
        deployedBytecode: `0x${c.evm?.deployedBytecode?.object ?? ''}`,
        hasImmutables: Object.keys(c.evm?.deployedBytecode?.immutableReferences ?? {}).length > 0,
        ...(doc ? { doc } : {}),
      };
    }
  }
  return { contracts, errors };
}

function toMessage(e: SolcError, sources: Record<string, string>): CompileMessage {
  const m: CompileMessage = {
    severity: e.severity,
    type: e.type ?? '',
    message: e.message,
    formatted: (e.formattedMessage ?? e.message).trimEnd(),
  };
  const loc = e.sourceLocation;
  if (loc !== undefined && loc.file !== '') {
    m.file = loc.file;
    const text = sources[loc.file];
    if (text !== undefined && loc.start >= 0) Object.assign(m, lineColumn(text, loc.start));
  }
  return m;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** 1-based line and column of byte offset `offset` (solc counts UTF-8 bytes) in `text`; the column in UTF-16 units. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = fromUtf8.decode(utf8.encode(text).subarray(0, offset));
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: before.length - lineStart + 1 };
}

/** Only the messages with severity `error`. */
export function compileErrors(out: CompileOutput): CompileMessage[] {
  return out.errors.filter((e) => e.severity === 'error');
}
