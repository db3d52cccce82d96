import { describe, expect, it } from 'vitest';
import type { ProblemItem } from '../../editor/diagnostics.ts';
import { TEMPLATES } from '../../editor/templates.ts';
import { EditorSession } from './editorSession.svelte.ts';

/**
 * The session's actions, with in-memory storage. (Vitest runs Svelte's server build, where `$effect` does not run:
 * compiling on edit, following the contract and the debounced save are covered by e2e/editor.spec.ts.)
 */
function start(): EditorSession {
  const mem = new Map<string, string>();
  const store = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v), removeItem: (k: string) => void mem.delete(k) };
  return new EditorSession(store, undefined, { runSetup: () => Promise.reject(new Error('not in this test')), onScenario: () => {} }, () => Promise.reject(new Error('not in this test')));
}

const problem = (at: Partial<ProblemItem>): ProblemItem => ({ severity: 'error', type: 'ParserError', message: 'Expected expression', ...at });

describe('the editor session', () => {
  it('opens on the first template, with nothing compiled yet and the builder blocked', () => {
    const editor = start();
    expect(editor.project.active).toBe(TEMPLATES[0]!.active);
    expect(editor.workload?.contract).toBe(TEMPLATES[0]!.workload.contract);
    expect(editor.good).toBeNull();
    expect(editor.blocked).toMatch(/has not compiled yet/);
    expect(editor.notices).toEqual([]);
  });

  it('opens another project keeping the one it replaced for Restore, and restores it', () => {
    const editor = start();
    const mine = editor.project;
    const t = TEMPLATES[1]!;
    editor.open({ project: { files: t.files, active: t.active }, workload: t.workload }, 'Opened the template.');
    expect(editor.project.active).toBe(t.active);
    expect(editor.workload?.contract).toBe(t.workload.contract);
    expect(editor.previous?.project).toBe(mine);
    expect(editor.notices).toEqual(['Opened the template.']);
    editor.restore();
    expect(editor.project).toBe(mine);
    expect(editor.previous?.project.active).toBe(t.active);
    expect(editor.notices[0]).toMatch(/^Restored your previous project/);
    editor.dismiss(0);
    expect(editor.notices).toEqual([]);
  });

  it('edits only on a real change, and a picked problem opens its file and says where to reveal', () => {
    const editor = start();
    const before = editor.project;
    const file = before.active;
    editor.edit(file, before.files[0]!.text);
    expect(editor.project).toBe(before);
    editor.edit(file, `${before.files[0]!.text}\n// more`);
    expect(editor.project.files[0]!.text).toMatch(/\/\/ more$/);
    editor.files.add();
    const other = editor.project.files[1]!.name;
    expect(editor.project.active).not.toBe(file);
    editor.select(file);
    expect(editor.project.active).toBe(file);
    expect(editor.pickProblem(problem({ file: other, line: 3, column: 7 }))).toEqual({ line: 3, column: 7 });
    expect(editor.project.active).toBe(other);
    expect(editor.pickProblem(problem({ file: other, line: 4 }))).toEqual({ line: 4, column: 1 });
    expect(editor.pickProblem(problem({}))).toBeNull();
  });

  it('does not build before the project has compiled', async () => {
    const editor = start();
    await editor.build();
    expect(editor.issues).toEqual([]);
    expect(editor.building).toBe(false);
  });
});
