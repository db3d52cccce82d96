/**
 * The docs say what the code does: every `npm run X` in README.md and docs/*.md is a script of package.json, every
 * `npm run cli -- CMD --flag` names a command and an option its help lists (and `npm run bench -- --flag` one of the
 * benchmark's), every repository path they quote exists, and the strategy lists name the catalog's strategies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRATEGY_CATALOG } from '../engine/strategies/catalog.ts';
import { PRESET_IDS } from '../workloads/presets/index.ts';
import { COMMANDS } from './commands/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const TEXT = new Map(DOCS.map((d) => [d, readFileSync(join(ROOT, d), 'utf8')]));
const SCRIPTS = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** Each `npm run …` command line in the docs (code blocks and inline code), with where it stands. */
function commandLines(): { doc: string; line: number; text: string }[] {
  const out: { doc: string; line: number; text: string }[] = [];
  for (const [doc, text] of TEXT) {
    text.split('\n').forEach((line, i) => {
      // A command runs to the end of its inline code span, a comment, or a shell operator.
      for (const m of line.matchAll(/npm run (?:<[^>\s]*>|[^`#|;&<>])*/g)) out.push({ doc, line: i + 1, text: m[0].trim() });
    });
  }
  return out;
}

const flagsOf = (command: string): string[] => [...command.matchAll(/(?:^|\s)(--[a-z][\w-]*)/g)].map((m) => m[1]);

describe('the docs', () => {
  const lines = commandLines();

  it('quote commands (a sanity check of the reader)', () => {
    expect(lines.length).toBeGreaterThan(30);
  });

  it('name only scripts package.json has', () => {
    const bad = lines.filter((l) => !SCRIPTS.includes(l.text.split(/\s+/)[2])).map((l) => `${l.doc}:${l.line}: ${l.text}`);
    expect(bad).toEqual([]);
  });

  it('name only CLI commands and options that exist (their --help lists the option)', () => {
    const bad: string[] = [];
    for (const l of lines) {
      const m = /^npm run cli -- (\S+)(.*)$/.exec(l.text);
      if (!m || m[1].startsWith('<')) continue;
      const [name, rest] = m[1] === 'help' ? [rest0(m[2]), ''] : [m[1], m[2]];
      const command = COMMANDS.find((c) => c.name === name);
      if (!command) {
        bad.push(`${l.doc}:${l.line}: no command "${name}"`);
        continue;
      }
      for (const flag of flagsOf(rest)) if (!new RegExp(`${flag}\\b`).test(command.usage)) bad.push(`${l.doc}:${l.line}: ${name} has no ${flag}`);
    }
    expect(bad).toEqual([]);
  });

  it('name only benchmark options that exist', () => {
    const usage = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/bench.ts'), '--help'], { cwd: ROOT, encoding: 'utf8' });
    const bad: string[] = [];
    for (const l of lines) {
      const m = /^npm run bench -- (.*)$/.exec(l.text);
      if (!m) continue;
      for (const flag of flagsOf(m[1])) if (!new RegExp(`${flag}\\b`).test(usage)) bad.push(`${l.doc}:${l.line}: bench has no ${flag}`);
    }
    expect(bad).toEqual([]);
  });

  it('quote only repository paths that exist', () => {
    const bad: string[] = [];
    // What the tests write (e2e/output/, bench-results/…) is ignored by git: absent from a fresh clone until a run.
    const generated = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.endsWith('/'));
    for (const [doc, text] of TEXT) {
      for (const m of text.matchAll(/`((?:src|scripts|docs|e2e|examples|public)\/[\w./-]*)`/g)) {
        const path = m[1];
        if (/[*<]/.test(path) || generated.some((g) => path.startsWith(g))) continue;
        if (!existsSync(join(ROOT, path))) bad.push(`${doc}: ${path}`);
      }
      // Markdown links to files of the repository.
      for (const m of text.matchAll(/\]\(((?!https?:|#)[^)#\s]+)/g)) {
        const base = doc.startsWith('docs/') ? join(ROOT, 'docs') : ROOT;
        if (!existsSync(resolve(base, m[1]))) bad.push(`${doc}: link ${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('count the mainnet blocks the repository ships', () => {
    const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];
    const shipped = readdirSync(join(ROOT, 'public/blocks')).filter((f) => /^\d+\.json$/.test(f)).length;
    const said = /uses the (\w+) this repository ships/.exec(TEXT.get('README.md')!)?.[1];
    expect(said).toBe(WORDS[shipped]);
  });

  it('list the presets there are, in their order (docs/workloads.md)', () => {
    const lines = TEXT.get('docs/workloads.md')!.split('\n');
    const head = lines.findIndex((l) => l.startsWith('| id | name |'));
    const end = lines.findIndex((l, i) => i > head && !l.startsWith('|'));
    const rows = lines.slice(head + 2, end);
    expect(rows.map((l) => /^\| `([a-z0-9-]+)`/.exec(l)![1])).toEqual([...PRESET_IDS]);
  });

  it('list every strategy of the catalog, and no other', () => {
    const names = STRATEGY_CATALOG.map((s) => s.name);
    const strategies = TEXT.get('docs/strategies.md')!;
    for (const n of names) expect(strategies, `docs/strategies.md on ${n}`).toContain(`\`${n}\``);
    // README's layout table lists the strategy files by name.
    const row = TEXT.get('README.md')!.split('\n').find((l) => l.startsWith('| `src/engine/strategies/`'))!;
    expect([...row.matchAll(/`([a-z-]+)`/g)].map((m) => m[1])).toEqual(names);
    // "the sequential reference and N parallel scheduling strategies"
    const count = /sequential reference\s+and (\w+) parallel/.exec(TEXT.get('README.md')!)?.[1];
    const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
    expect(count, 'README: the number of parallel strategies').toBe(WORDS[names.length - 1]);
  });
});

/** `help run` → `run`. */
function rest0(rest: string): string {
  return rest.trim().split(/\s+/)[0] ?? '';
}
