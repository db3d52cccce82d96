import { describe, expect, it } from 'vitest';
import { linkNotice, linkProblems, opensOnStage, runsAtOnce } from './linkParams.ts';

const LESSONS = ['conflicts', 'recovery', 'hot-pool'];
const at = (q: string) => `http://localhost/${q}`;

describe('link parameters beyond the setup', () => {
  it('accepts the setup’s, the lab’s and the page’s own parameters', () => {
    expect(linkProblems(at('?preset=dex-rush&txs=20&strategy=dag&workers=2&lesson=recovery&run=1&engine=page&warmup=0&scale=1&scale-y=tx'), LESSONS)).toEqual([]);
  });

  it('names an unknown parameter, with the likely meant one', () => {
    expect(linkProblems(at('?preset=dex-rush&tx=500'), LESSONS)).toEqual(['"tx" is not a parameter of this page (did you mean "txs"?)']);
    expect(linkProblems(at('?frobnicate=1'), LESSONS)).toEqual(['"frobnicate" is not a parameter of this page']);
  });

  it('leaves a miscased setup parameter to the setup, which refuses it itself', () => {
    expect(linkProblems(at('?Workers=2'), LESSONS)).toEqual([]);
  });

  it('names an unknown lesson and lists the known ones', () => {
    expect(linkProblems(at('?lesson=hotpool'), LESSONS)).toEqual(['lesson: unknown "hotpool" (did you mean "hot-pool"? known: conflicts, recovery, hot-pool)']);
  });

  it('refuses a run value other than 0 or 1', () => {
    expect(linkProblems(at('?run=yes'), LESSONS)).toEqual(['run: expected 1 (run at once) or 0, got "yes"']);
  });

  it('gathers every problem in one notice', () => {
    expect(linkNotice(at('?tx=1&lesson=x'), LESSONS)?.text).toMatch(/^Part of this link was not used — "tx" is not .*; lesson: unknown "x"/);
    expect(linkNotice(at('?txs=20'), LESSONS)).toBeUndefined();
  });

  it('a link with a setup, a lesson or run=1 opens on the stage; a bare address does not', () => {
    expect(opensOnStage(at('?preset=dex-rush'))).toBe(true);
    expect(opensOnStage(at('?lesson=recovery'))).toBe(true);
    expect(opensOnStage(at('?strategy=block-stm#code=1.abc'))).toBe(true);
    expect(opensOnStage(at(''))).toBe(false);
    expect(opensOnStage(at('?theme=dark'))).toBe(false);
    expect(runsAtOnce(at('?preset=dex-rush&run=1'))).toBe(true);
    expect(runsAtOnce(at('?preset=dex-rush'))).toBe(false);
  });
});
