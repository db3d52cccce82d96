/**
 * What a link asks of the page besides its setup (`setup.ts` decodes that, the Scale lab its own `scale-*`): open a
 * lesson (`lesson=`), run at once (`run=1`), and the switches for tests and benchmarks (`engine=page`, `warmup=0`).
 * A parameter nobody reads, or a lesson that does not exist, is named in a notice instead of being ignored: a
 * speaker's link with a typo in it should say so before the talk, not during it.
 */
import { suggest } from '../engine/scenario/fields.ts';
import { SETUP_PARAMS } from './setup.ts';

/** Parameters read by the page outside the setup and the lab. */
export const PAGE_PARAMS: readonly string[] = ['lesson', 'run', 'engine', 'warmup'];

export interface LinkNotice {
  id: 'link-params';
  kind: 'warn';
  text: string;
}

const isLab = (key: string): boolean => key.toLowerCase().startsWith('scale');

/** Problems with the parts of a link the setup does not check: unknown parameters, an unknown lesson, a bad `run`. */
export function linkProblems(href: string, lessonIds: readonly string[]): string[] {
  const url = new URL(href, 'http://localhost/');
  const problems: string[] = [];
  const known = [...SETUP_PARAMS, ...PAGE_PARAMS];
  for (const key of new Set(url.searchParams.keys())) {
    if (known.includes(key) || isLab(key)) continue;
    // A miscased setup parameter is refused by the setup itself, with its own message.
    if (SETUP_PARAMS.some((k) => k.toLowerCase() === key.toLowerCase())) continue;
    // Short names are too short for an edit distance: `tx` still means `txs`.
    const guess = suggest(key, known) ?? known.find((k) => k.startsWith(key.toLowerCase()) && k.length - key.length <= 2);
    const name = /^[\w-]{1,40}$/.test(key) ? `"${key}"` : JSON.stringify(key.slice(0, 36)) + '…';
    problems.push(`${name} is not a parameter of this page${guess ? ` (did you mean "${guess}"?)` : ''}`);
  }
  const lesson = url.searchParams.get('lesson');
  if (lesson !== null && !lessonIds.includes(lesson)) {
    const guess = suggest(lesson, lessonIds);
    problems.push(`lesson: unknown ${JSON.stringify(lesson.slice(0, 40))} (${guess ? `did you mean "${guess}"? ` : ''}known: ${lessonIds.join(', ')})`);
  }
  const run = url.searchParams.get('run');
  if (run !== null && run !== '1' && run !== '0') problems.push(`run: expected 1 (run at once) or 0, got ${JSON.stringify(run.slice(0, 40))}`);
  return problems;
}

/** The problems as one notice, or none. */
export function linkNotice(href: string, lessonIds: readonly string[]): LinkNotice | undefined {
  const problems = linkProblems(href, lessonIds);
  if (problems.length === 0) return undefined;
  return { id: 'link-params', kind: 'warn', text: `Part of this link was not used — ${problems.join('; ')}.` };
}

/** The link carries a setup or a lesson: it was shared to show something, so the page opens on the stage. */
export function opensOnStage(href: string): boolean {
  const url = new URL(href, 'http://localhost/');
  return url.searchParams.has('lesson') || url.searchParams.get('run') === '1' || SETUP_PARAMS.some((k) => url.searchParams.has(k)) || url.hash.includes('code=');
}

/** `run=1`: the link's setup runs as soon as the engine is ready. */
export const runsAtOnce = (href: string): boolean => new URL(href, 'http://localhost/').searchParams.get('run') === '1';
