/**
 * What the editor opens with: a share link when there is one (the user's own stored project is kept as
 * `previous`, so following a link never costs them their work), else what local storage holds, else a template.
 * A link that cannot be decoded is reported and the stored project opens instead.
 */
import { type Store, loadStored, sameSources } from './persist.ts';
import { decodeShare } from './share.ts';
import type { EditorState } from './state.ts';
import { TEMPLATES, type Template } from './templates.ts';

export interface Session {
  state: EditorState;
  previous?: EditorState;
  notices: string[];
}

/** A fresh, independent copy of a template's project and workload. */
export function templateState(t: Template): EditorState {
  return { project: { files: t.files.map((f) => ({ ...f })), active: t.active }, workload: structuredClone(t.workload) };
}

export function openSession(store: Store | undefined, share: string | undefined): Session {
  const stored = store ? loadStored(store) : { notices: [] };
  const notices = [...stored.notices];
  if (share) {
    const d = decodeShare(share);
    if (d.ok) {
      notices.push(...d.notices);
      const mine = stored.current;
      if (mine && !sameSources(mine, d.state)) {
        notices.push('Opened the shared contract. Your own project is kept: "Restore my project" brings it back.');
        return { state: d.state, previous: mine, notices };
      }
      return { state: d.state, ...(stored.previous ? { previous: stored.previous } : {}), notices };
    }
    notices.push(d.message);
  }
  const state = stored.current ?? templateState(TEMPLATES[0]!);
  return { state, ...(stored.previous ? { previous: stored.previous } : {}), notices };
}
