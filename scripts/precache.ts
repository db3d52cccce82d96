/**
 * A tiny Vite plugin: after the build is written, list every file in the output folder in `precache.json` with a
 * version derived from their contents. `public/sw.js` reads that list to make the site work offline after the
 * first visit. Listing the written folder (not Rollup's bundle) catches worker chunks, Monaco's and solc's assets,
 * and the files copied from `public/`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

export const MANIFEST = 'precache.json';
/** Not precached: the worker itself (the browser fetches it), and source maps nobody needs offline. */
const SKIP = [/^sw\.js$/, /^precache\.json$/, /\.map$/];

export function precacheManifest(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'parallax:precache-manifest',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    closeBundle() {
      const outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
      const files = walk(outDir)
        .map((f) => relative(outDir, f).split(sep).join('/'))
        .filter((f) => !SKIP.some((re) => re.test(f)))
        .sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update(readFileSync(join(outDir, f)));
      const manifest = { version: hash.digest('hex').slice(0, 16), files };
      writeFileSync(join(outDir, MANIFEST), JSON.stringify(manifest));
    },
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
