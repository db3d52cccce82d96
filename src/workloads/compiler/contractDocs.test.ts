import { describe, expect, it } from 'vitest';
import { compile } from './node.ts';
import type { ContractDoc, FunctionDoc } from './contractDocs.ts';

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Base {
    uint256 public total;
    function _bump(uint256 n) internal {
        total += n;
    }
}

contract Shop is Base {
    struct Item { address owner; uint128 price; uint128 sold; }
    mapping(uint256 => Item) public items;
    mapping(address => mapping(address => bool)) internal friends;
    uint256[] internal log;
    uint8 internal small;
    uint8 internal other;

    function buy(uint256 id) external {
        Item storage it = items[id];
        require(it.owner != address(0));
        it.sold++;
        _bump(it.price);
        log.push(id);
    }

    function befriend(address who) external {
        friends[msg.sender][who] = true;
    }
}
`;

function docOf(name: string): ContractDoc {
  const out = compile({ sources: { 'Shop.sol': SOURCE } });
  expect(out.errors.filter((e) => e.severity === 'error')).toEqual([]);
  return out.contracts['Shop.sol']![name]!.doc!;
}
const fn = (d: ContractDoc, name: string): FunctionDoc => d.functions.find((f) => f.name === name)!;
const at = (list: FunctionDoc['reads']) => list.map((a) => `${a.variable}${a.member ? `.${a.member}` : ''}@${a.line}`);

describe('contractDocs', () => {
  it('lists the storage layout solc gives, packed variables and nested types included', () => {
    const d = docOf('Shop');
    expect(d.storage.map((v) => [v.label, v.slot, v.offset, v.type.kind])).toEqual([
      ['total', '0', 0, 'value'],
      ['items', '1', 0, 'mapping'],
      ['friends', '2', 0, 'mapping'],
      ['log', '3', 0, 'array'],
      ['small', '4', 0, 'value'],
      ['other', '4', 1, 'value'],
    ]);
    const items = d.storage[1]!.type;
    expect(items.kind === 'mapping' && items.value.kind === 'struct' && items.value.members.map((m) => [m.label, m.slot, m.offset])).toEqual([
      ['owner', '0', 0],
      ['price', '1', 0],
      ['sold', '1', 16],
    ]);
  });

  it('follows storage pointers, internal functions of a base contract and push, with each line', () => {
    const buy = fn(docOf('Shop'), 'buy');
    expect(buy.selector).toMatch(/^0x[0-9a-f]{8}$/);
    expect(buy.line).toBe(19);
    // `Item storage it = items[id]` only points; the reads are of its members.
    expect(at(buy.reads)).toEqual(['total@7', 'items.owner@21', 'items.sold@22', 'items.price@23', 'log@24']);
    expect(at(buy.writes)).toEqual(['total@7', 'items.sold@22', 'log@24']);
  });

  it('counts a plain assignment as a write only, and lists a public variable as its own getter', () => {
    const d = docOf('Shop');
    expect(at(fn(d, 'befriend').reads)).toEqual([]);
    expect(at(fn(d, 'befriend').writes)).toEqual(['friends@28']);
    expect(at(fn(d, 'total').reads)).toEqual(['total@5']);
  });

  it('records calls into other contracts by name (a swap calls its tokens)', () => {
    const out = compile({ sources: { 'Pool.sol': POOL, 'Token.sol': TOKEN } });
    const swap = out.contracts['Pool.sol']!.Pool!.doc!.functions.find((f) => f.name === 'swap')!;
    expect(swap.calls).toEqual(['Token.transfer']);
    expect(at(swap.writes)).toEqual(['reserve@7']);
  });
});

const TOKEN = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Token {
    mapping(address => uint256) internal balances;
    function transfer(address to, uint256 n) external returns (bool) { balances[to] += n; return true; }
}
`;
const POOL = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
import {Token} from "./Token.sol";
contract Pool {
    uint256 public reserve;
    function swap(Token t, uint256 n) external {
        reserve = reserve - n;
        t.transfer(msg.sender, n);
    }
}
`;
