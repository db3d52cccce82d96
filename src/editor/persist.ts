/**
 * Local persistence of the editor: the current state and, when a share link replaced it, the previous one (so
 * opening a link never costs the user their own work). Versioned; a store that cannot be read is moved aside
 * under its own key — never overwritten — and reported as a notice.
 */
import { type EditorState, fromJson, toJson } from './state.ts';

export const STORE_KEY = 'parallax.editor';
export const SET_ASIDE_KEY = 'parallax.editor.unreadable';
const VERSION = 1;

export type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface Stored {
  current?: EditorState;
  previous?: EditorState;
  notices: string[];
}

export function loadStored(store: Store): Stored {
  let raw: string | null;
  try {
    raw = store.getItem(STORE_KEY);
  } catch {
    return { notices: ['This browser does not let the page read its local storage, so edits will not be kept after you leave.'] };
  }
  if (raw === null) return { notices: [] };
  const setAside = (why: string): Stored => {
    try {
      store.setItem(SET_ASIDE_KEY, raw!);
      store.removeItem(STORE_KEY);
    } catch {
      /* nothing more to do: the notice says what happened */
    }
    return { notices: [`Your saved editor state could not be read (${why}); it was kept under "${SET_ASIDE_KEY}" in local storage and the editor starts from a template.`] };
  };
  let j: { v?: unknown; current?: unknown; previous?: unknown };
  try {
    j = JSON.parse(raw) as typeof j;
  } catch {
    return setAside('it is not JSON');
  }
  if (typeof j !== 'object' || j === null) return setAside('it is not an object');
  if (j.v !== VERSION) return setAside(`it has version ${JSON.stringify(j.v)}, this page reads version ${VERSION}`);
  const current = fromJson(j.current);
  if (!current.ok) return setAside(current.message);
  const out: Stored = { current: current.state, notices: current.notices };
  if (j.previous !== undefined) {
    const previous = fromJson(j.previous);
    if (previous.ok) out.previous = previous.state;
  }
  return out;
}

/** Saves; returns a message when the browser refuses (storage full or disabled). */
export function saveStored(store: Store, current: EditorState, previous?: EditorState): string | undefined {
  const value = JSON.stringify({ v: VERSION, current: toJson(current), ...(previous ? { previous: toJson(previous) } : {}) });
  try {
    store.setItem(STORE_KEY, value);
    return undefined;
  } catch (e) {
    return `Your edits could not be saved in this browser (${e instanceof Error ? e.message : String(e)}). Copy the share link to keep them.`;
  }
}

/** Whether two states hold the same files (what decides if opening a link displaces the user's work). */
export function sameSources(a: EditorState, b: EditorState): boolean {
  return JSON.stringify(toJson({ ...a, workload: null }).f) === JSON.stringify(toJson({ ...b, workload: null }).f);
}
