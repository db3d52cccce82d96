// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/*
 * Conflicts under parallel execution: `increment` and `incrementBy` read and write one hot slot (`count`, slot 0),
 * so every pair of them conflicts: the worst case for optimistic execution. `coinbaseBalance` reads the block
 * coinbase's balance, which every earlier transaction's fee credit changes, so it depends on all of them.
 * `tipCoinbase` writes that balance outright. `fail` always reverts and `burn` runs out of gas when given little:
 * failed transactions still pay fees and bump the sender's nonce, but their storage writes are discarded.
 *
 * Storage layout: slot 0 count, slot 1 lastCoinbaseBalance, slot 2 scratch mapping(uint256 => uint256).
 * No immutables and no constructor arguments.
 */
contract Counter {
    uint256 public count;
    uint256 public lastCoinbaseBalance;
    mapping(uint256 => uint256) public scratch;

    event Incremented(address indexed by, uint256 newCount);

    /// Plain ETH transfers to a counter succeed.
    receive() external payable {}

    function increment() external {
        uint256 c = count + 1;
        count = c;
        emit Incremented(msg.sender, c);
    }

    function incrementBy(uint256 n) external {
        uint256 c = count + n;
        count = c;
        emit Incremented(msg.sender, c);
    }

    function get() external view returns (uint256) {
        return count;
    }

    function fail() external pure {
        revert("Counter: always fails");
    }

    /// Writes n fresh slots (22k gas each): with little gas this runs out of gas.
    function burn(uint256 n) external {
        for (uint256 i = 0; i < n; i++) {
            scratch[i] = i + 1;
        }
    }

    /// Stores the coinbase balance as seen at this point of the block.
    function coinbaseBalance() external returns (uint256 b) {
        b = block.coinbase.balance;
        lastCoinbaseBalance = b;
    }

    /// Forwards msg.value to the block's fee recipient (a "bribe").
    function tipCoinbase() external payable {
        (bool ok, ) = block.coinbase.call{value: msg.value}("");
        require(ok, "Counter: tip failed");
    }
}
