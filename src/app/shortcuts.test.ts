import { describe, expect, it } from 'vitest';
import { SHORTCUTS, actionFor, isTypingTarget, listenShortcuts, playbackShortcuts, type PlaybackControls, type TargetLike } from './shortcuts.ts';

/** A stand-in element: `closest` answers for the selectors the element would match. */
const el = (tagName: string, matches: string[] = [], isContentEditable = false): TargetLike => ({
  tagName,
  isContentEditable,
  closest: (sel: string) => (sel.split(',').some((s) => matches.includes(s.trim())) ? {} : null),
});

describe('shortcuts', () => {
  it('maps every documented key to its action', () => {
    const expected: Record<string, string> = {
      ' ': 'run-pause', ArrowLeft: 'step-back', ArrowRight: 'step-forward', n: 'next-conflict', N: 'prev-conflict',
      '[': 'speed-down', ']': 'speed-up', Home: 'seek-start', End: 'seek-end', c: 'compare', p: 'presentation',
      t: 'theme', l: 'lessons', '?': 'shortcuts', Escape: 'close',
    };
    for (const [key, action] of Object.entries(expected)) expect(actionFor({ key, target: el('BODY') })).toBe(action);
  });

  it('gives every shortcut a label and a description, and no key twice', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of SHORTCUTS) expect(s.label.length * s.description.length).toBeGreaterThan(0);
  });

  it('ignores keys typed into inputs, selects, text areas, editors and contenteditable', () => {
    for (const target of [el('INPUT'), el('TEXTAREA'), el('SELECT'), el('DIV', [], true), el('TEXTAREA', ['.monaco-editor']), el('SPAN', ['.monaco-editor'])]) {
      expect(actionFor({ key: 't', target })).toBeNull();
      expect(actionFor({ key: ' ', target })).toBeNull();
    }
    expect(isTypingTarget(el('DIV'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('lets Escape through from a field, to close an overlay', () => {
    expect(actionFor({ key: 'Escape', target: el('INPUT') })).toBe('close');
  });

  it('leaves Space to a focused button, and ignores a held-down Space', () => {
    expect(actionFor({ key: ' ', target: el('BUTTON', ['button']) })).toBeNull();
    expect(actionFor({ key: ' ', repeat: true, target: el('BODY') })).toBeNull();
    expect(actionFor({ key: 'n', target: el('BUTTON', ['button']) })).toBe('next-conflict');
  });

  it('ignores browser shortcuts with Ctrl, Cmd or Alt, and unknown keys', () => {
    expect(actionFor({ key: 'n', ctrlKey: true })).toBeNull();
    expect(actionFor({ key: '[', metaKey: true })).toBeNull();
    expect(actionFor({ key: 'p', altKey: true })).toBeNull();
    expect(actionFor({ key: 'x' })).toBeNull();
  });

  it('listenShortcuts calls the handler, prevents the default unless it declines, and detaches', () => {
    const target = new EventTarget();
    const calls: string[] = [];
    const stop = listenShortcuts(target, () => ({ theme: () => void calls.push('theme'), lessons: () => false }));
    const press = (key: string) => {
      const e = new Event('keydown', { cancelable: true }) as Event & { key: string };
      Object.assign(e, { key });
      target.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(press('t')).toBe(true);
    expect(press('l')).toBe(false);
    expect(press('p')).toBe(false);
    stop();
    press('t');
    expect(calls).toEqual(['theme']);
  });

  it('drives the playback with every key of the Playback group', () => {
    const calls: string[] = [];
    const p: PlaybackControls = {
      toggle: () => calls.push('toggle'),
      step: (d) => calls.push(`step ${d}`),
      nextConflict: () => calls.push('next'),
      prevConflict: () => calls.push('prev'),
      seek: (t) => calls.push(`seek ${t === 0 ? 'start' : t >= Number.MAX_SAFE_INTEGER ? 'end' : t}`),
      slower: () => calls.push('slower'),
      faster: () => calls.push('faster'),
    };
    const handlers = playbackShortcuts(p);
    for (const s of SHORTCUTS.filter((x) => x.group === 'Playback')) handlers[actionFor({ key: s.keys[0] })!]!();
    expect(calls).toEqual(['toggle', 'step -1', 'step 1', 'next', 'prev', 'slower', 'faster', 'seek start', 'seek end']);
  });
});
