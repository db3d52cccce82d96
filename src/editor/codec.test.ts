import { describe, expect, it } from 'vitest';
import { SET_ASIDE_KEY, STORE_KEY, loadStored, saveStored, type Store } from './persist.ts';
import { decodeShare, encodeShare, fromBase64Url, toBase64Url } from './share.ts';
import type { EditorState } from './state.ts';
import { TEMPLATES } from './templates.ts';

const token = TEMPLATES.find((t) => t.id === 'token')!;
const state: EditorState = { project: { files: token.files, active: token.active }, workload: token.workload };

function memoryStore(): Store & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('the share string', () => {
  it('round-trips files, the active file and the workload, and is URL-safe', () => {
    const s = encodeShare(state);
    expect(s).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(decodeShare(s)).toEqual({ ok: true, state, notices: [] });
    expect(s.length).toBeLessThan(JSON.stringify(state).length);
  });

  it('base64url round-trips every length', () => {
    for (let n = 0; n < 10; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      expect(fromBase64Url(toBase64Url(b))).toEqual(b);
    }
  });

  it('broken links give a message and never throw', () => {
    const good = encodeShare(state);
    for (const bad of ['', 'hello', '2.abc', '1.!!!', '1.A', good.slice(0, good.length - 20), `1.${toBase64Url(new TextEncoder().encode('{}'))}`]) {
      const r = decodeShare(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^The shared contract could not be opened: /);
    }
  });

  it('keeps the sources when the workload in a link is bad, and says so', () => {
    const s = encodeShare({ ...state, workload: { ...state.workload!, senders: 'many' as unknown as number } });
    const r = decodeShare(s);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.state.project).toEqual(state.project);
      expect(r.state.workload).toBeNull();
      expect(r.notices[0]).toMatch(/senders/);
    }
  });
});

describe('local persistence', () => {
  it('saves and loads the current and the previous state', () => {
    const store = memoryStore();
    const other: EditorState = { project: { files: TEMPLATES[0]!.files, active: TEMPLATES[0]!.active }, workload: null };
    expect(saveStored(store, state, other)).toBeUndefined();
    expect(loadStored(store)).toEqual({ current: state, previous: other, notices: [] });
  });

  it('sets a corrupted store aside with a notice instead of overwriting it', () => {
    for (const raw of ['{not json', '{"v":99,"current":{}}', '{"v":1,"current":{"f":[]}}']) {
      const store = memoryStore();
      store.map.set(STORE_KEY, raw);
      const r = loadStored(store);
      expect(r.current).toBeUndefined();
      expect(r.notices[0]).toMatch(/could not be read/);
      expect(store.map.get(SET_ASIDE_KEY)).toBe(raw);
      expect(store.map.has(STORE_KEY)).toBe(false);
    }
  });

  it('reports a store that refuses to save', () => {
    const store: Store = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    expect(saveStored(store, state)).toMatch(/could not be saved.*QuotaExceededError/);
  });
});

describe('opening the editor', async () => {
  const { openSession } = await import('./session.ts');
  const mine: EditorState = { project: { files: [{ name: 'Mine.sol', text: 'contract Mine {}' }], active: 'Mine.sol' }, workload: null };

  it('opens a share link and keeps the stored project as the one to restore', () => {
    const store = memoryStore();
    saveStored(store, mine);
    const s = openSession(store, encodeShare(state));
    expect(s.state).toEqual(state);
    expect(s.previous).toEqual(mine);
    expect(s.notices.join(' ')).toMatch(/Your own project is kept/);
  });

  it('opens the stored project, with the reason, when the link is broken', () => {
    const store = memoryStore();
    saveStored(store, mine);
    const s = openSession(store, '1.broken');
    expect(s.state).toEqual(mine);
    expect(s.notices[0]).toMatch(/could not be opened/);
  });

  it('starts from the shared counter when nothing is stored', () => {
    expect(openSession(memoryStore(), undefined).state.project.files[0]!.name).toBe('SharedCounter.sol');
  });
});
