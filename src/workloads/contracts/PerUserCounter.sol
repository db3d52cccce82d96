// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/*
 * Conflicts under parallel execution: none between senders. Each sender bumps only its own entry of `counts`, so
 * transactions from different senders touch disjoint slots: the contrast to the shared `Counter`, with the same
 * `increment()` selector and about the same gas. Transactions from one sender still depend on each other, through
 * the sender's nonce as well as its entry.
 *
 * Storage layout (no immutables, so the runtime code can be copied into a pre-state):
 *   slot 0  counts  mapping(address => uint256)  counts[a] at keccak(a . 0)
 */
contract PerUserCounter {
    mapping(address => uint256) public counts;

    event Incremented(address indexed by, uint256 newCount);

    function increment() external {
        uint256 c = counts[msg.sender] + 1;
        counts[msg.sender] = c;
        emit Incremented(msg.sender, c);
    }

    function get(address user) external view returns (uint256) {
        return counts[user];
    }
}
