import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createCompiler } from './compiler.ts';
import { compile } from './node.ts';
import { instantiateSoljson } from './soljson.ts';

describe('soljson loader (the browser worker’s path, run in Node)', () => {
  it('runs the npm package’s soljson.js text and compiles exactly as the npm wrapper does', () => {
    const text = readFileSync(createRequire(import.meta.url).resolve('solc/soljson.js'), 'utf8');
    const compiler = createCompiler(instantiateSoljson(text)); // also checks the pinned version
    const sources = {
      'A.sol': '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\nimport "./B.sol";\ncontract A is B { function f() external { x += 1; } }\n',
      'B.sol': '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\ncontract B { uint256 public x; }\n',
    };
    expect(compiler.compile({ sources, hardfork: 'cancun' })).toEqual(compile({ sources, hardfork: 'cancun' }));
    const broken = { 'A.sol': sources['A.sol'].replace('x += 1;', 'x += 1') };
    expect(compiler.compile({ sources: broken }).errors).toEqual(compile({ sources: broken }).errors);
    expect(compiler.compile({ sources: broken }).errors.length).toBeGreaterThan(0);
  }, 60_000);
});
