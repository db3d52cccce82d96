/**
 * `EditorState`: everything the editor keeps — the project's files and the workload form — and its checking when
 * it comes back from a share link or local storage. A bad workload is dropped with a notice rather than losing
 * the sources with it: the text is what the user cannot recreate.
 */
import { type Project, MAX_FILES, MAX_PROJECT_CHARS, fileNameProblem } from './project.ts';
import { type WorkloadSpec, parseWorkloadSpec } from './spec.ts';

export interface EditorState {
  project: Project;
  workload: WorkloadSpec | null;
}

/** The compact JSON form (short keys: it goes into URLs). */
export interface StateJson {
  f: [string, string][];
  a: string;
  r?: 1;
  w?: unknown;
}

export function toJson(s: EditorState): StateJson {
  const j: StateJson = { f: s.project.files.map((f) => [f.name, f.text]), a: s.project.active };
  if (s.project.readOnly) j.r = 1;
  if (s.workload) j.w = s.workload;
  return j;
}

export type Checked = { ok: true; state: EditorState; notices: string[] } | { ok: false; message: string };

/** Checks JSON-shaped input as an editor state. */
export function fromJson(x: unknown): Checked {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return { ok: false, message: 'it holds no editor state' };
  const j = x as Partial<StateJson>;
  if (!Array.isArray(j.f) || j.f.length === 0) return { ok: false, message: 'it holds no source files' };
  if (j.f.length > MAX_FILES) return { ok: false, message: `it holds ${j.f.length} files; at most ${MAX_FILES}` };
  const project: Project = { files: [], active: '' };
  let chars = 0;
  for (const [i, entry] of j.f.entries()) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') return { ok: false, message: `file ${i} is not a name and a text` };
    const bad = fileNameProblem(project, entry[0]);
    if (bad) return { ok: false, message: `file ${i}: ${bad}` };
    chars += entry[1].length;
    project.files.push({ name: entry[0], text: entry[1] });
  }
  if (chars > MAX_PROJECT_CHARS) return { ok: false, message: `its sources are ${chars} characters long; at most ${MAX_PROJECT_CHARS}` };
  project.active = project.files.some((f) => f.name === j.a) ? (j.a as string) : project.files[0]!.name;
  if (j.r === 1) project.readOnly = true;
  const notices: string[] = [];
  let workload: WorkloadSpec | null = null;
  if (j.w !== undefined) {
    const w = parseWorkloadSpec(j.w);
    if (w.ok) workload = w.spec;
    else notices.push(`The workload could not be read (${w.issues.slice(0, 3).join('; ')}), so the builder starts afresh.`);
  }
  return { ok: true, state: { project, workload }, notices };
}
