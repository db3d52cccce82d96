/**
 * Loads Monaco on demand — only the editor API, the features a code editor needs, and Solidity's tokenizer — so
 * the playground's first paint never pays for it. The one worker Monaco wants (its generic editor worker, for
 * word-based suggestions and diff computation) comes from Vite's `?worker` import; no language-service workers.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api.js';

export type MonacoApi = typeof Monaco;
export type Theme = 'dark' | 'light';

let loading: Promise<MonacoApi> | undefined;

export function loadMonaco(): Promise<MonacoApi> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined; // let a later mount try again (a chunk that failed to download)
    throw e;
  });
  return loading;
}

async function load(): Promise<MonacoApi> {
  const [{ default: EditorWorker }, monaco] = await Promise.all([
    import('monaco-editor/editor/editor.worker.js?worker'),
    import('monaco-editor/editor/editor.api.js'),
  ]);
  self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
  await Promise.all([
    import('monaco-editor/features/codicon/register.js'),
    import('monaco-editor/features/hover/register.js'),
    import('monaco-editor/features/find/register.js'),
    import('monaco-editor/features/folding/register.js'),
    import('monaco-editor/features/bracketMatching/register.js'),
    import('monaco-editor/features/comment/register.js'),
    import('monaco-editor/features/gotoError/register.js'),
    import('monaco-editor/features/wordHighlighter/register.js'),
    import('monaco-editor/features/linesOperations/register.js'),
    import('monaco-editor/features/multicursor/register.js'),
    import('monaco-editor/features/clipboard/register.js'),
    import('monaco-editor/features/contextmenu/register.js'),
    import('monaco-editor/features/cursorUndo/register.js'),
    import('monaco-editor/features/wordOperations/register.js'),
    import('monaco-editor/features/indentation/register.js'),
    import('monaco-editor/features/suggest/register.js'),
    import('monaco-editor/languages/definitions/solidity/register.js'),
  ]);
  defineThemes(monaco);
  return monaco;
}

/** Monaco's language id for Solidity (its basic-language contribution registers `sol`). */
export const SOLIDITY = 'sol';

/** A CSS colour of the page (a custom property of theme.css such as `--panel`) as `#rrggbb`, for Monaco's theme;
 * undefined when the page does not set it (Monaco then keeps its own). */
function pageColour(prop: string): string | undefined {
  const probe = document.createElement('span');
  probe.style.color = `var(${prop}, transparent)`;
  document.body.append(probe);
  const rgb = getComputedStyle(probe).color;
  probe.remove();
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(rgb);
  if (!m || /rgba\(.*,\s*0\)$/.test(rgb)) return undefined;
  return `#${m.slice(1, 4).map((x) => Number(x).toString(16).padStart(2, '0')).join('')}`;
}

/** Re-defined whenever the page theme changes, so the editor takes the page's own colours. */
export function defineThemes(monaco: MonacoApi): void {
  for (const theme of ['dark', 'light'] as const) {
    // The theme in use is the page's current one, so its colours are the ones to take.
    const bg = pageColour('--code-bg');
    monaco.editor.defineTheme(`parallax-${theme}`, {
      base: theme === 'dark' ? 'vs-dark' : 'vs',
      inherit: true,
      rules: [],
      colors: bg ? { 'editor.background': bg, 'editorGutter.background': bg } : {},
    });
  }
}

/** The page's theme, judged from its background colour (whatever sets it: a class, an attribute, the OS). */
export function pageTheme(): Theme {
  const bg = pageColour('--bg');
  if (!bg) return 'light';
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! < 128 ? 'dark' : 'light';
}

/** Calls `onChange` when the page's theme may have changed; returns the unsubscribe. */
export function watchTheme(onChange: () => void): () => void {
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });
  return () => {
    media.removeEventListener('change', onChange);
    observer.disconnect();
  };
}
