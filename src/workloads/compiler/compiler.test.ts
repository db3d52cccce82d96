import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { LruCache, SOLC_VERSION, checkPinnedVersion, compileKey, createCompiler, type SolcBackend } from './compiler.ts';
import { compile, nodeCompiler, nodeSolc } from './node.ts';
import { compileErrors, evmVersionFor, lineColumn } from './standardJson.ts';

const LICENSE = '// SPDX-License-Identifier: MIT\n';

const PROJECT = {
  'Greeter.sol': `${LICENSE}pragma solidity ^0.8.20;

import {Counter} from "./lib/Counter.sol";

contract Greeter is Counter {
    function greet() external returns (uint256) {
        return bump();
    }
}
`,
  'lib/Counter.sol': `${LICENSE}pragma solidity ^0.8.20;

contract Counter {
    uint256 public count;

    function bump() public returns (uint256) {
        return ++count;
    }
}
`,
};

/** The npm backend, counting its solc runs. */
function countingBackend(): SolcBackend & { calls: number } {
  const b = { calls: 0, version: nodeSolc.version, compile: (s: string) => (b.calls++, nodeSolc.compile(s)) };
  return b;
}

describe('compiler (Node, solc npm package)', () => {
  it('compiles a two-file project in which one file imports the other', () => {
    const out = compile({ sources: PROJECT });
    expect(out.errors).toEqual([]);
    expect(Object.keys(out.contracts).sort()).toEqual(['Greeter.sol', 'lib/Counter.sol']);
    const greeter = out.contracts['Greeter.sol']!['Greeter']!;
    expect(greeter.bytecode).toMatch(/^0x[0-9a-f]{100,}$/);
    expect(greeter.deployedBytecode).toMatch(/^0x[0-9a-f]{100,}$/);
    expect(greeter.hasImmutables).toBe(false);
    const names = (greeter.abi as { name?: string }[]).map((f) => f.name).sort();
    expect(names).toEqual(['bump', 'count', 'greet']); // inherited through the import
  });

  it('reports a syntax error with its file, 1-based line and column, and solc’s own rendering', () => {
    const broken = `${LICENSE}pragma solidity ^0.8.20;\n\ncontract Broken {\n    uint256 x = 1\n}\n`;
    const out = compile({ sources: { ...PROJECT, 'src/Broken.sol': broken } });
    const [e, ...more] = compileErrors(out);
    expect(more).toEqual([]);
    expect(e).toMatchObject({ severity: 'error', type: 'ParserError', file: 'src/Broken.sol', line: 6, column: 1 });
    expect(e!.message).toMatch(/Expected ';'/);
    expect(e!.formatted).toContain('--> src/Broken.sol:6:1:');
    expect(out.contracts).toEqual({});
  });

  it('counts the column in characters when the line holds non-ASCII text before the error', () => {
    const text = `${LICENSE}pragma solidity ^0.8.20;\ncontract C { /* héllo ✓ */ function f() external { uint x = y; } }\n`;
    const [e] = compileErrors(compile({ sources: { 'C.sol': text } }));
    expect(e).toMatchObject({ type: 'DeclarationError', file: 'C.sol', line: 3 });
    expect(text.split('\n')[2]!.slice(e!.column! - 1)).toMatch(/^y;/); // solc counts bytes; the column does not
  });

  it('reports an import of a file that was not given as an error at the import', () => {
    const [e] = compileErrors(compile({ sources: { 'Greeter.sol': PROJECT['Greeter.sol'] } }));
    expect(e).toMatchObject({ file: 'Greeter.sol', line: 4, column: 1 });
    expect(e!.message).toMatch(/"lib\/Counter.sol" not found/);
  });

  it('returns the identical output object for the same input without running solc again', () => {
    const backend = countingBackend();
    const compiler = createCompiler(backend);
    const first = compiler.compile({ sources: PROJECT });
    const reordered = Object.fromEntries(Object.entries(PROJECT).reverse());
    expect(compiler.compile({ sources: reordered, hardfork: 'berlin', optimizer: { enabled: true, runs: 200 } })).toBe(first);
    expect(backend.calls).toBe(1);
    expect(Object.isFrozen(first.contracts['Greeter.sol']!['Greeter']!.abi)).toBe(true); // shared, so read-only

    expect(compiler.compile({ sources: PROJECT, hardfork: 'cancun' })).not.toBe(first);
    expect(compiler.compile({ sources: { ...PROJECT, 'Greeter.sol': `${PROJECT['Greeter.sol']}\n` } })).not.toBe(first);
    expect(backend.calls).toBe(3);
  });

  it('chooses the EVM version from the scenario hardfork', () => {
    expect(['berlin', 'london', 'grayGlacier', 'paris', 'shanghai', 'cancun', 'prague'].map(evmVersionFor)).toEqual([
      'berlin', 'london', 'london', 'paris', 'shanghai', 'cancun', 'prague',
    ]);
    expect(() => evmVersionFor('frontier2')).toThrow(/hardfork: no solc EVM version for "frontier2"/);
    // PUSH0 (0x5f) exists from shanghai on: the same source compiles differently.
    const code = (hardfork: string) => compile({ sources: PROJECT, hardfork }).contracts['Greeter.sol']!['Greeter']!.deployedBytecode;
    expect(code('shanghai')).not.toBe(code('berlin'));
    expect(compileKey({ sources: PROJECT, hardfork: 'shanghai' })).not.toBe(compileKey({ sources: PROJECT }));
  });

  it('runs the pinned solc, the version of the installed npm package', () => {
    const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('solc/package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe(SOLC_VERSION);
    expect(nodeCompiler().version).toMatch(new RegExp(`^${SOLC_VERSION.replaceAll('.', '\\.')}\\+commit\\.[0-9a-f]{8}`));
    expect(() => createCompiler({ version: () => '0.8.29+commit.ab55807c.Emscripten.clang', compile: () => '{}' })).toThrow(
      /solc 0\.8\.30 expected, found 0\.8\.29/,
    );
    expect(() => checkPinnedVersion('0.8.300+commit.00000000')).toThrow();
  });
});

describe('lineColumn', () => {
  it('maps a UTF-8 byte offset to a 1-based line and UTF-16 column', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('é\nxé y', 3 + 1 + 2)).toEqual({ line: 2, column: 3 }); // é is 2 bytes, 1 UTF-16 unit
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    const c = new LruCache<number>(2);
    c.set('a', 1);
    c.set('b', 2);
    c.get('a');
    c.set('c', 3);
    expect([c.get('a'), c.get('b'), c.get('c'), c.size]).toEqual([1, undefined, 3, 2]);
  });
});
