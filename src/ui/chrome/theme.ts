/**
 * Theme and presentation mode on <html>: `data-theme="light|dark"` (the stored choice, else the system's) and the
 * `presentation` class (theme.css turns both into colours and type). Presentation asks for full screen and falls back
 * to the class alone where the Fullscreen API is missing or refused (an iframe, an old Safari, a denied request).
 */

export type Theme = 'light' | 'dark';

const THEME_KEY = 'parallax.theme';

/** localStorage that never throws (private modes and sandboxed frames refuse it). */
export const store = {
  get(key: string): string | null {
    try {
      return globalThis.localStorage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      globalThis.localStorage?.setItem(key, value);
    } catch {
      // Not remembered; the choice still holds for this page.
    }
  },
};

export function systemTheme(): Theme {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function storedTheme(): Theme | null {
  const t = store.get(THEME_KEY);
  return t === 'light' || t === 'dark' ? t : null;
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/** Sets the theme on the page now: the stored choice, else the system's. */
export function initTheme(): Theme {
  const theme = storedTheme() ?? systemTheme();
  applyTheme(theme);
  return theme;
}

/** Follows the system's scheme while the user has not chosen one. Returns the remover. */
export function followSystem(onChange: (t: Theme) => void): () => void {
  const mq = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  if (!mq) return () => {};
  const listener = () => {
    if (storedTheme()) return;
    applyTheme(systemTheme());
    onChange(systemTheme());
  };
  mq.addEventListener('change', listener);
  return () => mq.removeEventListener('change', listener);
}

export function chooseTheme(theme: Theme): Theme {
  applyTheme(theme);
  store.set(THEME_KEY, theme);
  return theme;
}

type FullscreenDoc = Document & { webkitFullscreenElement?: Element | null; webkitExitFullscreen?: () => void };
type FullscreenEl = HTMLElement & { webkitRequestFullscreen?: () => void };

export function isFullscreen(): boolean {
  const d = document as FullscreenDoc;
  return Boolean(d.fullscreenElement ?? d.webkitFullscreenElement);
}

/** Presentation on: the class at once, then full screen if the browser grants it. */
export async function enterPresentation(): Promise<void> {
  const root = document.documentElement as FullscreenEl;
  root.classList.add('presentation');
  if (isFullscreen()) return;
  try {
    if (root.requestFullscreen) await root.requestFullscreen({ navigationUI: 'hide' });
    else root.webkitRequestFullscreen?.();
  } catch {
    // Refused (no user gesture, an iframe without allowfullscreen): large type and contrast still apply.
  }
}

export function exitPresentation(): void {
  document.documentElement.classList.remove('presentation');
  if (!isFullscreen()) return;
  const d = document as FullscreenDoc;
  if (d.exitFullscreen) d.exitFullscreen().catch(() => {});
  else d.webkitExitFullscreen?.();
}

export function inPresentation(): boolean {
  return document.documentElement.classList.contains('presentation');
}
