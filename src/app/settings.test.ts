import { describe, expect, it } from 'vitest';
import { clampWorkers, defaultWorkers, hardwareThreads } from './settings.ts';

describe('settings', () => {
  it('hardwareThreads trusts a sane navigator.hardwareConcurrency and assumes 2 otherwise', () => {
    expect(hardwareThreads({ hardwareConcurrency: 8 })).toBe(8);
    expect(hardwareThreads({})).toBe(2);
    expect(hardwareThreads({ hardwareConcurrency: 0 })).toBe(2);
    expect(hardwareThreads(undefined)).toBe(2);
  });

  it('defaultWorkers is four, or fewer on a smaller machine', () => {
    expect(defaultWorkers(16)).toBe(4);
    expect(defaultWorkers(2)).toBe(2);
    expect(defaultWorkers(1)).toBe(1);
  });

  it('clampWorkers turns whatever was typed into a whole number in 1..max', () => {
    expect(clampWorkers(3, 4)).toBe(3);
    expect(clampWorkers(0, 4)).toBe(1);
    expect(clampWorkers(99, 4)).toBe(4);
    expect(clampWorkers(2.7, 4)).toBe(2);
    expect(clampWorkers('', 4)).toBe(1);
    expect(clampWorkers('abc', 4)).toBe(4);
    expect(clampWorkers(null, 8)).toBe(1);
  });
});
