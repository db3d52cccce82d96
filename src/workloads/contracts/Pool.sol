// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Token} from "./Token.sol";

/*
 * Conflicts under parallel execution: every swap reads and writes both reserves (slots 2 and 3) and the pool's
 * balance slot in both tokens, so any two swaps on one pool conflict, whatever their direction or trader: a block
 * of swaps on one pool is inherently sequential. Each trader's own token balance (and allowance, unless unlimited)
 * is private to that trader. `addLiquidity` touches the same reserves plus `totalShares`.
 *
 * Storage layout (workloads set pre-state storage directly; no immutables, so the runtime code can be copied):
 *   slot 0 token0, slot 1 token1, slot 2 reserve0, slot 3 reserve1, slot 4 totalShares,
 *   slot 5 shares mapping(address => uint256).
 */
contract Pool {
    address public token0;
    address public token1;
    uint256 public reserve0;
    uint256 public reserve1;
    uint256 public totalShares;
    mapping(address => uint256) public shares;

    event Swap(address indexed trader, address indexed tokenIn, uint256 amountIn, uint256 amountOut);
    event Mint(address indexed provider, uint256 amount0, uint256 amount1, uint256 minted);

    constructor(address _token0, address _token1) {
        token0 = _token0;
        token1 = _token1;
    }

    /// Uniswap-v2 pricing with a 0.3 % fee: out = in*997*rOut / (rIn*1000 + in*997).
    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) public pure returns (uint256) {
        uint256 inWithFee = amountIn * 997;
        return (inWithFee * reserveOut) / (reserveIn * 1000 + inWithFee);
    }

    function swap(address tokenIn, uint256 amountIn, uint256 minOut) external returns (uint256 amountOut) {
        bool zeroForOne = tokenIn == token0;
        require(zeroForOne || tokenIn == token1, "Pool: unknown token");
        (uint256 rIn, uint256 rOut) = zeroForOne ? (reserve0, reserve1) : (reserve1, reserve0);
        amountOut = getAmountOut(amountIn, rIn, rOut);
        require(amountOut > 0 && amountOut >= minOut, "Pool: insufficient output");

        require(Token(tokenIn).transferFrom(msg.sender, address(this), amountIn), "Pool: pull failed");
        require(Token(zeroForOne ? token1 : token0).transfer(msg.sender, amountOut), "Pool: push failed");

        if (zeroForOne) {
            reserve0 = rIn + amountIn;
            reserve1 = rOut - amountOut;
        } else {
            reserve1 = rIn + amountIn;
            reserve0 = rOut - amountOut;
        }
        emit Swap(msg.sender, tokenIn, amountIn, amountOut);
    }

    /// Pulls both amounts and mints shares pro rata (geometric mean for the first deposit).
    function addLiquidity(uint256 amount0, uint256 amount1) external returns (uint256 minted) {
        uint256 total = totalShares;
        if (total == 0) {
            minted = _sqrt(amount0 * amount1);
        } else {
            uint256 by0 = (amount0 * total) / reserve0;
            uint256 by1 = (amount1 * total) / reserve1;
            minted = by0 < by1 ? by0 : by1;
        }
        require(minted > 0, "Pool: nothing minted");

        require(Token(token0).transferFrom(msg.sender, address(this), amount0), "Pool: pull0 failed");
        require(Token(token1).transferFrom(msg.sender, address(this), amount1), "Pool: pull1 failed");

        reserve0 += amount0;
        reserve1 += amount1;
        totalShares = total + minted;
        shares[msg.sender] += minted;
        emit Mint(msg.sender, amount0, amount1, minted);
    }

    function _sqrt(uint256 y) internal pure returns (uint256 z) {
        if (y > 3) {
            z = y;
            uint256 x = y / 2 + 1;
            while (x < z) {
                z = x;
                x = (y / x + x) / 2;
            }
        } else if (y != 0) {
            z = 1;
        }
    }
}
