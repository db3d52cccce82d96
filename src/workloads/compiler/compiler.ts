/**
 * The compiler, whatever runs solc underneath: builds the standard-JSON input, asks a `SolcBackend` (the solc npm
 * package in Node, soljson.js in a browser worker), parses the answer, and caches it by a hash of the input, so
 * compiling the same sources again (a preset, an unchanged editor buffer) costs a hash, not a solc run.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { buildStandardInput, parseStandardOutput, type CompileInput, type CompileOutput } from './standardJson.ts';

/** The pinned compiler: the `solc` npm package's version, whose soljson.js the page serves from its own origin. */
export const SOLC_VERSION = '0.8.30';

/** Anything that runs solc's standard-JSON interface synchronously. */
export interface SolcBackend {
  /** e.g. `0.8.30+commit.73712a01.Emscripten.clang`. */
  version(): string;
  compile(standardInput: string): string;
}

export interface Compiler {
  /** The full version string of the solc underneath. */
  readonly version: string;
  /** Cached: the same input gives the identical (frozen) output object. */
  compile(input: CompileInput): CompileOutput;
}

/** Cache key of an input: sha-256 of the pinned version and the canonical standard-JSON text. */
export function compileKey(input: CompileInput): string {
  return keyOf(buildStandardInput(input));
}

function keyOf(standardInput: string): string {
  return bytesToHex(sha256(utf8ToBytes(`${SOLC_VERSION}\n${standardInput}`)));
}

/** Fails unless `version` is the pinned solc: a different soljson.js would silently change every bytecode. */
export function checkPinnedVersion(version: string): string {
  if (!version.startsWith(`${SOLC_VERSION}+`)) {
    throw new Error(`solc ${SOLC_VERSION} expected, found ${version}: reinstall the pinned solc package`);
  }
  return version;
}

/** A small least-recently-used map: editors compile on every pause, and old outputs are not worth keeping. */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();
  constructor(readonly capacity = 64) {}

  get(key: string): V | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      this.entries.delete(key); // re-insert: Map order is the recency order
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

export function createCompiler(backend: SolcBackend, cache = new LruCache<CompileOutput>()): Compiler {
  const version = checkPinnedVersion(backend.version());
  return {
    version,
    compile(input) {
      const standardInput = buildStandardInput(input);
      const key = keyOf(standardInput);
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const out = deepFreeze(parseStandardOutput(backend.compile(standardInput), input.sources));
      cache.set(key, out);
      return out;
    },
  };
}

/** Cached outputs are shared between callers: freeze them so that no caller can change another's. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
