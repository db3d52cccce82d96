import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineColumn, parseJsonText } from './jsonText.ts';

describe('parseJsonText', () => {
  it('parses valid JSON and ignores a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a": [1, 2]}')).toEqual({ a: [1, 2] });
  });

  it('names the source, the problem and its line and column', () => {
    expect(() => parseJsonText('{\n  "a": 1,\n  "b": tru\n}', 'x.json')).toThrow("x.json: not valid JSON: Unexpected token 't' at line 3 column 8");
  });

  it('explains a raw line break inside a string', () => {
    expect(() => parseJsonText('{"a": "x\ny"}')).toThrow('not valid JSON: Bad control character in string (a line break inside quotes?) at line 1 column 9');
  });

  it('reports text after the value', () => {
    expect(() => parseJsonText('{} {}')).toThrow('not valid JSON: Unexpected text after the JSON value at line 1 column 4');
  });
});

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toBe('line 1 column 1');
    expect(lineColumn('ab\ncd', 4)).toBe('line 2 column 2');
  });
});

describe('findJsonSyntaxError', () => {
  it('finds no error in any text JSON.stringify produces', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        expect(findJsonSyntaxError(JSON.stringify(value, null, indent))).toBeNull();
      }),
    );
  });

  it('finds an error exactly when JSON.parse does', () => {
    const jsonish = fc.stringMatching(/^[[\]{}",:0-9a-z.\-+eE \n\\]{0,24}$/);
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const problem = findJsonSyntaxError(text);
        expect(problem === null).toBe(valid);
        if (problem) expect(problem.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });
});
