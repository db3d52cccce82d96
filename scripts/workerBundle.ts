/**
 * Vitest's global set-up: bundles the Node worker (`src/engine/workers/worker.node.ts` and everything it imports) into
 * one JavaScript file and points `PARALLAX_WORKER_BUNDLE` at it, for this test run and the processes it starts.
 * A worker booted through tsx costs ~0.75 s of CPU (it compiles and resolves every module again); from the bundle
 * ~0.1 s — and the tests start a few hundred workers (pools, crashed workers' replacements, CLI children). Built
 * afresh each run (~0.3 s), so it is never older than the source; `nodePool.test.ts` still boots one worker through
 * tsx, the way the CLI does.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export default async function setup(): Promise<() => void> {
  // Inside the project, so that what the bundle resolves at run time (the secp256k1 WASM, through its package) is found
  // in node_modules; one file per run, so that two runs in one checkout do not overwrite each other's.
  const dir = join(root, 'node_modules', '.cache', 'parallax');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `worker.node.${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, 'src/engine/workers/worker.node.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // Bundled CommonJS dependencies still call `require`, which an ES module does not have.
    banner: { js: "import { createRequire as __parallaxRequire } from 'node:module'; const require = __parallaxRequire(import.meta.url);" },
  });
  process.env.PARALLAX_WORKER_BUNDLE = outfile;
  return () => rmSync(outfile, { force: true });
}
