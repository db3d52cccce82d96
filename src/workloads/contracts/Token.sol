// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/*
 * Conflicts under parallel execution: a transfer reads and writes exactly two balance slots (sender's and
 * recipient's), so transfers between disjoint accounts are independent; two transfers that touch the same account
 * (a shared recipient, an exchange hot wallet, a pool) conflict on that account's balance slot. `transferFrom` adds
 * the allowance slot of (owner, spender). `mint` also writes `totalSupply`, one slot shared by every mint, so
 * concurrent mints always conflict.
 *
 * Storage layout is part of the contract's interface (workloads write pre-state storage directly):
 *   slot 0  balances     mapping(address => uint256)                      balances[a]  at keccak(a . 0)
 *   slot 1  allowances   mapping(address => mapping(address => uint256))  allowances[o][s] at keccak(s . keccak(o . 1))
 *   slot 2  totalSupply  uint256
 * No immutables: the runtime bytecode is complete on its own and can be placed in a pre-state without deploying.
 */
contract Token {
    mapping(address => uint256) internal balances;
    mapping(address => mapping(address => uint256)) internal allowances;
    uint256 public totalSupply;

    string public constant name = "Parallax Token";
    string public constant symbol = "PLX";
    uint8 public constant decimals = 18;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function balanceOf(address account) external view returns (uint256) {
        return balances[account];
    }

    function allowance(address owner, address spender) external view returns (uint256) {
        return allowances[owner][spender];
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowances[from][msg.sender];
        // An unlimited allowance is never written, so it does not become a hot slot.
        if (allowed != type(uint256).max) {
            require(allowed >= amount, "Token: allowance too low");
            allowances[from][msg.sender] = allowed - amount;
        }
        _move(from, to, amount);
        return true;
    }

    /// Anyone may mint: workloads need tokens without an owner.
    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balances[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function _move(address from, address to, uint256 amount) internal {
        uint256 fromBalance = balances[from];
        require(fromBalance >= amount, "Token: balance too low");
        unchecked {
            balances[from] = fromBalance - amount;
        }
        balances[to] += amount;
        emit Transfer(from, to, amount);
    }
}
