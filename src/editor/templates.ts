/**
 * Starter templates: small, correct contracts with a default workload that shows one idea each. The shared counter
 * serialises a block (every call reads and writes one slot); the per-user counter does not (one slot per sender);
 * the token conflicts only where transfers meet (Zipf-popular recipients); the auction only on popular lots.
 */
import type { WorkloadSpec } from './spec.ts';

export interface Template {
  id: string;
  label: string;
  summary: string;
  files: { name: string; text: string }[];
  /** The file the editor opens first. */
  active: string;
  workload: WorkloadSpec;
}

const SHARED_COUNTER = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Every increment reads and writes the same slot (count), so every pair
/// of increments conflicts: a parallel executor has to run them in order.
contract SharedCounter {
    uint256 public count;

    event Incremented(address indexed by, uint256 newCount);

    function increment() external {
        count += 1;
        emit Incremented(msg.sender, count);
    }
}
`;

const PER_USER_COUNTER = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Each sender bumps its own entry, so calls from different senders touch
/// different slots and run side by side.
contract PerUserCounter {
    mapping(address => uint256) public counts;

    event Incremented(address indexed by, uint256 newCount);

    function increment() external {
        counts[msg.sender] += 1;
        emit Incremented(msg.sender, counts[msg.sender]);
    }
}
`;

const TOKEN_INTERFACE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IToken {
    event Transfer(address indexed from, address indexed to, uint256 value);

    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
}
`;

const TOKEN = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./IToken.sol";

/// A transfer touches two balances: the sender's and the recipient's.
/// Transfers conflict only when they share an account, so a popular
/// recipient (Zipf) is where a block serialises. mint also writes
/// totalSupply, one slot every mint shares.
contract Token is IToken {
    mapping(address => uint256) private balances;
    uint256 public totalSupply;

    function balanceOf(address account) external view returns (uint256) {
        return balances[account];
    }

    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balances[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        uint256 have = balances[msg.sender];
        require(have >= amount, "Token: balance too low");
        unchecked {
            balances[msg.sender] = have - amount;
        }
        balances[to] += amount;
        emit Transfer(msg.sender, to, amount);
        return true;
    }
}
`;

const AUCTION = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Many lots, each with its own leader and highest bid. Bidders deposit
/// once (in setup) and bid from their deposit, so a bid touches its lot,
/// the bidder's funds and the outbid leader's funds: bids on one lot
/// conflict, bids on different lots mostly do not. (A payable bid would
/// credit the contract's balance on every call: one key all bids share.)
contract Auction {
    struct Lot {
        address leader;
        uint256 highest;
        uint256 bids;
    }

    uint256 public immutable lotCount;
    mapping(uint256 => Lot) public lots;
    mapping(address => uint256) public funds;

    constructor(uint256 lots_) {
        lotCount = lots_;
    }

    function deposit() external payable {
        funds[msg.sender] += msg.value;
    }

    /// Bids amount of the caller's deposit on lot; the outbid leader's
    /// bid goes back to their funds. A bid that is too low only counts.
    function bid(uint256 lot, uint256 amount) external {
        require(lot < lotCount, "Auction: no such lot");
        Lot storage l = lots[lot];
        l.bids += 1;
        if (amount <= l.highest) return;
        require(funds[msg.sender] >= amount, "Auction: not enough funds");
        funds[msg.sender] -= amount;
        if (l.leader != address(0)) funds[l.leader] += l.highest;
        l.leader = msg.sender;
        l.highest = amount;
    }

    function withdraw() external {
        uint256 amount = funds[msg.sender];
        funds[msg.sender] = 0;
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "Auction: withdrawal failed");
    }
}
`;

const counterWorkload = (contract: string): WorkloadSpec => ({
  contract,
  constructorArgs: [],
  senders: 16,
  balance: '10 ether',
  seed: 1,
  setup: [],
  calls: [{ fn: 'increment()', count: 32, args: [], value: { kind: 'constant', value: '0' }, gas: 100_000 }],
});

export const TEMPLATES: Template[] = [
  {
    id: 'shared-counter',
    label: 'Shared counter',
    summary: 'one slot that every call writes: the block serialises',
    files: [{ name: 'SharedCounter.sol', text: SHARED_COUNTER }],
    active: 'SharedCounter.sol',
    workload: counterWorkload('SharedCounter.sol:SharedCounter'),
  },
  {
    id: 'per-user-counter',
    label: 'Per-user counter',
    summary: 'a slot per sender: calls from different senders never conflict',
    files: [{ name: 'PerUserCounter.sol', text: PER_USER_COUNTER }],
    active: 'PerUserCounter.sol',
    workload: counterWorkload('PerUserCounter.sol:PerUserCounter'),
  },
  {
    id: 'token',
    label: 'Token',
    summary: 'transfers to Zipf-popular recipients: conflicts where transfers meet (two files, one import)',
    files: [
      { name: 'Token.sol', text: TOKEN },
      { name: 'IToken.sol', text: TOKEN_INTERFACE },
    ],
    active: 'Token.sol',
    workload: {
      contract: 'Token.sol:Token',
      constructorArgs: [],
      senders: 24,
      balance: '10 ether',
      seed: 1,
      setup: [{ fn: 'mint(address,uint256)', from: 'each-sender', args: [{ kind: 'sender' }, { kind: 'constant', value: '1000000' }], value: '0' }],
      calls: [
        {
          fn: 'transfer(address,uint256)',
          count: 48,
          args: [{ kind: 'zipf-account', accounts: 64, skew: 1.1 }, { kind: 'range', min: '1', max: '1000' }],
          value: { kind: 'constant', value: '0' },
          gas: 100_000,
        },
      ],
    },
  },
  {
    id: 'auction',
    label: 'Auction',
    summary: 'bids on Zipf-popular lots: bids on a hot lot conflict, bids on quiet lots run in parallel',
    files: [{ name: 'Auction.sol', text: AUCTION }],
    active: 'Auction.sol',
    workload: {
      contract: 'Auction.sol:Auction',
      constructorArgs: [{ kind: 'constant', value: '16' }],
      senders: 24,
      balance: '10 ether',
      seed: 1,
      setup: [{ fn: 'deposit()', from: 'each-sender', args: [], value: '1 ether' }],
      calls: [
        {
          fn: 'bid(uint256,uint256)',
          count: 48,
          args: [{ kind: 'zipf-item', items: 16, skew: 1.2 }, { kind: 'range', min: '1 gwei', max: '1000 gwei' }],
          value: { kind: 'constant', value: '0' },
          gas: 150_000,
        },
      ],
    },
  },
];

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
