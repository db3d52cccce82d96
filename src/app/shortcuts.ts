/**
 * Keyboard shortcuts: one table from key to action, with the words the shortcuts sheet shows. `actionFor` is pure
 * (it takes a key event's plain fields), so the table is tested without a browser; `listenShortcuts` is the small
 * piece that attaches it to a window.
 *
 * Keys typed into a field, a select or an editor (Monaco's textarea, anything contenteditable) belong to that field.
 * Space on a focused button or link keeps its own meaning (pressing it); Esc always reaches us, to close overlays.
 */

export type ShortcutAction =
  | 'run-pause'
  | 'step-back'
  | 'step-forward'
  | 'next-conflict'
  | 'prev-conflict'
  | 'speed-down'
  | 'speed-up'
  | 'seek-start'
  | 'seek-end'
  | 'compare'
  | 'presentation'
  | 'theme'
  | 'lessons'
  | 'shortcuts'
  | 'close';

export interface Shortcut {
  /** `KeyboardEvent.key` values that trigger it. */
  keys: readonly string[];
  /** How the sheet writes the key. */
  label: string;
  action: ShortcutAction;
  description: string;
  group: 'Playback' | 'View' | 'Help';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: [' '], label: 'Space', action: 'run-pause', description: 'Run the setup, or play / pause the replay', group: 'Playback' },
  { keys: ['ArrowLeft'], label: '←', action: 'step-back', description: 'Step back one event', group: 'Playback' },
  { keys: ['ArrowRight'], label: '→', action: 'step-forward', description: 'Step forward one event', group: 'Playback' },
  { keys: ['n'], label: 'n', action: 'next-conflict', description: 'Jump to the next conflict', group: 'Playback' },
  { keys: ['N'], label: 'Shift + n', action: 'prev-conflict', description: 'Jump to the previous conflict', group: 'Playback' },
  { keys: ['['], label: '[', action: 'speed-down', description: 'Slower', group: 'Playback' },
  { keys: [']'], label: ']', action: 'speed-up', description: 'Faster', group: 'Playback' },
  { keys: ['Home'], label: 'Home', action: 'seek-start', description: 'Go to the start of the run', group: 'Playback' },
  { keys: ['End'], label: 'End', action: 'seek-end', description: 'Go to the end of the run', group: 'Playback' },
  { keys: ['c'], label: 'c', action: 'compare', description: 'Compare strategies side by side', group: 'View' },
  { keys: ['p'], label: 'p', action: 'presentation', description: 'Presentation mode (full screen, large type)', group: 'View' },
  { keys: ['t'], label: 't', action: 'theme', description: 'Switch between dark and light', group: 'View' },
  { keys: ['l'], label: 'l', action: 'lessons', description: 'Open or close the lessons', group: 'Help' },
  { keys: ['?'], label: '?', action: 'shortcuts', description: 'Show these shortcuts', group: 'Help' },
  { keys: ['Escape'], label: 'Esc', action: 'close', description: 'Close an overlay; with none open, cancel the run', group: 'Help' },
];

const BY_KEY = new Map<string, Shortcut>(SHORTCUTS.flatMap((s) => s.keys.map((k) => [k, s] as const)));

/** The fields of a key event the table reads (a real `KeyboardEvent` has them all). */
export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  repeat?: boolean;
  target?: TargetLike | null;
}

/** What we need to know about where the key went (a DOM `Element` fits). */
export interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  closest?(selector: string): unknown;
}

const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor';
const PRESSABLE = 'button, a[href], summary, [role="button"], [role="tab"]';

/** Whether keys sent to `target` are text for it. */
export function isTypingTarget(target: TargetLike | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return Boolean(target.closest?.(TYPING));
}

/** The action a key press asks for, or null when it is not ours to take. */
export function actionFor(e: KeyInput): ShortcutAction | null {
  // Browser and OS shortcuts (Ctrl+N, Cmd+[) are not ours; Shift is part of `key` (N, ?).
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const hit = BY_KEY.get(e.key);
  if (!hit) return null;
  if (hit.action === 'close') return 'close';
  if (isTypingTarget(e.target)) return null;
  if (hit.action === 'run-pause' && (e.repeat || e.target?.closest?.(PRESSABLE))) return null;
  return hit.action;
}

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => boolean | void>>;

/** What the playback keys drive: the page's playback (`ui/playback/playback.svelte.ts` fits). */
export interface PlaybackControls {
  toggle(): void;
  step(dir: 1 | -1): void;
  nextConflict(): void;
  prevConflict(): void;
  /** Clamped to the recording: 0 is its start, a huge time its end. */
  seek(t: number): void;
  slower(): void;
  faster(): void;
}

/** The Playback group's keys, each calling the playback (the page decides what Space does before a run). */
export function playbackShortcuts(p: PlaybackControls): ShortcutHandlers {
  return {
    'run-pause': () => p.toggle(),
    'step-back': () => p.step(-1),
    'step-forward': () => p.step(1),
    'next-conflict': () => p.nextConflict(),
    'prev-conflict': () => p.prevConflict(),
    'seek-start': () => p.seek(0),
    'seek-end': () => p.seek(Number.MAX_SAFE_INTEGER),
    'speed-down': () => p.slower(),
    'speed-up': () => p.faster(),
  };
}

/**
 * Calls the handler for each shortcut pressed on `target`. A handler that returns `false` declines (the key keeps
 * its default); otherwise the key's default (page scroll on Space, Home, End) is prevented. Returns the remover.
 */
export function listenShortcuts(
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
  handlers: () => ShortcutHandlers,
): () => void {
  const onKey = (event: Event) => {
    const e = event as KeyboardEvent;
    const action = actionFor({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, repeat: e.repeat, target: e.target as TargetLike | null });
    const handler = action ? handlers()[action] : undefined;
    if (!handler) return;
    if (handler() === false) return;
    e.preventDefault();
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
