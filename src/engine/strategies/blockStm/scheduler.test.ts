import { describe, expect, it } from 'vitest';
import { Scheduler } from './scheduler.ts';

describe('Scheduler', () => {
  it('hands out every transaction once, in order, with incarnation 0', () => {
    const s = new Scheduler(3);
    expect([s.nextExecution(), s.nextExecution(), s.nextExecution(), s.nextExecution()]).toEqual([
      { tx: 0, incarnation: 0 },
      { tx: 1, incarnation: 0 },
      { tx: 2, incarnation: 0 },
      null,
    ]);
  });

  it('validates only executed transactions', () => {
    const s = new Scheduler(2);
    s.nextExecution();
    s.nextExecution();
    s.finishExecution(1, true);
    expect(s.nextValidation()).toEqual({ tx: 1, incarnation: 0 });
    expect(s.nextValidation()).toBeNull();
  });

  it('an aborted validation creates the next incarnation and lowers the execution index', () => {
    const s = new Scheduler(3);
    for (let i = 0; i < 3; i++) s.nextExecution();
    for (let i = 0; i < 3; i++) s.finishExecution(i, true);
    expect(s.tryValidationAbort(1, 0)).toBe(true);
    expect(s.tryValidationAbort(1, 0)).toBe(false); // only the first abort counts
    s.finishAbort(1);
    expect(s.nextExecution()).toEqual({ tx: 1, incarnation: 1 });
  });

  it('a transaction blocked on a running one is resumed, as a new incarnation, when it finishes', () => {
    const s = new Scheduler(2);
    s.nextExecution();
    s.nextExecution();
    expect(s.addDependency(1, 0)).toBe(true);
    expect(s.nextExecution()).toBeNull();
    const { resumed } = s.finishExecution(0, true);
    expect(resumed).toEqual([1]);
    expect(s.nextExecution()).toEqual({ tx: 1, incarnation: 1 });
  });

  it('a dependency on a finished transaction means re-executing at once', () => {
    const s = new Scheduler(2);
    s.nextExecution();
    s.nextExecution();
    s.finishExecution(0, false);
    expect(s.addDependency(1, 0)).toBe(false);
  });

  it('a finish below the validation index with a new key re-validates from there', () => {
    const s = new Scheduler(3);
    for (let i = 0; i < 3; i++) s.nextExecution();
    s.finishExecution(1, false);
    s.finishExecution(2, false);
    s.nextValidation();
    s.nextValidation();
    s.nextValidation();
    expect(s.validationIdx).toBe(3);
    expect(s.finishExecution(0, true).validate).toBeNull();
    expect(s.validationIdx).toBe(0);
  });
});
