/**
 * The Node workers' code as one bundled file. Booted through tsx, a worker compiles and resolves every module of the
 * engine again: ~0.75 s of CPU a worker here, against ~0.09 s from the bundle — and the bundle runs the EVM faster too
 * (docs/benchmarks.md, "Workers started from a bundle"). Built by esbuild (which tsx itself runs on) each time a
 * process asks, ~0.2 s, so it is never older than the source; named by a hash of its content, so that processes built
 * from the same source share one file and none deletes a file another is using.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Inside the project, so that what the bundle resolves at run time (the secp256k1 WASM, through its package) is found
 * in node_modules. */
const DIR = join(ROOT, 'node_modules', '.cache', 'parallax');
/** Bundles of another source are removed once unused this long (a process may still start workers from a younger
 * one: a crashed worker's replacement). */
const STALE_MS = 24 * 3600_000;

/** Builds the bundle (or finds the identical one) and returns its path. */
export async function buildWorkerBundle(): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, 'src/engine/workers/worker.node.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    // Bundled CommonJS dependencies still call `require`, which an ES module does not have.
    banner: { js: "import { createRequire as __parallaxRequire } from 'node:module'; const require = __parallaxRequire(import.meta.url);" },
  });
  const code = out.outputFiles[0].contents;
  const name = `worker.node.${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  const file = join(DIR, name);
  mkdirSync(DIR, { recursive: true });
  try {
    const now = new Date();
    utimesSync(file, now, now); // in use again: not stale for another process's `prune`
  } catch {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file); // atomic: a process starting a worker never reads half a file
  }
  prune(name);
  return file;
}

function prune(keep: string): void {
  const now = Date.now();
  for (const f of readdirSync(DIR)) {
    if (f === keep || !f.startsWith('worker.node.')) continue;
    try {
      if (now - statSync(join(DIR, f)).mtimeMs > STALE_MS) rmSync(join(DIR, f), { force: true });
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * Points this process's pools (and the processes it starts) at the bundle, unless something already did (the tests'
 * set-up, a parent process) or `PARALLAX_WORKER_BUNDLE=0` asks for workers through tsx. A bundle that cannot be
 * built leaves the workers on tsx, which works as before, slower.
 */
export async function useWorkerBundle(): Promise<void> {
  if (process.env.PARALLAX_WORKER_BUNDLE !== undefined) return; // `0` keeps tsx
  try {
    process.env.PARALLAX_WORKER_BUNDLE = await buildWorkerBundle();
  } catch {
    // esbuild missing or failing: tsx it is
  }
}
