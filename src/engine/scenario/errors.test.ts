import { describe, expect, it } from 'vitest';
import { formatPath, ScenarioError, show } from './errors.ts';

describe('formatPath', () => {
  it('joins identifiers with dots and indexes with brackets', () => {
    expect(formatPath(['transactions', 3, 'gas'])).toBe('transactions[3].gas');
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['preState', '0xab', 'balance'])).toBe('preState["0xab"].balance');
    expect(formatPath(['block', 'blockHashes', '123'])).toBe('block.blockHashes["123"]');
  });

  it('gives an empty path for the whole input', () => {
    expect(formatPath([])).toBe('');
  });
});

describe('ScenarioError', () => {
  it('lists its issues one per line as path: problem', () => {
    const error = new ScenarioError([
      { path: 'transactions[3].gas', message: 'expected a hex quantity, got "abc"' },
      { path: '', message: 'expected a scenario (a JSON object), got an array' },
    ]);
    expect(error.message).toBe('transactions[3].gas: expected a hex quantity, got "abc"\nexpected a scenario (a JSON object), got an array');
    expect(error.name).toBe('ScenarioError');
    expect(error).toBeInstanceOf(Error);
  });

  it('prefixes every line with the source when it has one', () => {
    const error = new ScenarioError([{ path: 'name', message: 'is required' }]).withSource('a.json');
    expect(error.message).toBe('a.json: name: is required');
    expect(error.issues).toEqual([{ path: 'name', message: 'is required' }]);
  });
});

describe('show', () => {
  it('shows strings quoted and long ones cut short with their length', () => {
    expect(show('abc')).toBe('"abc"');
    expect(show('x'.repeat(100))).toBe(`"${'x'.repeat(45)}…" (100 characters)`);
  });

  it('names containers and absence instead of dumping them', () => {
    expect(show([1])).toBe('an array');
    expect(show({})).toBe('an object');
    expect(show(undefined)).toBe('nothing');
    expect(show(null)).toBe('null');
  });
});
