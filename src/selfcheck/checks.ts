/**
 * What the self-check page computes, shared with the Node side of the test that compares them: a preset generated
 * from a seed, hashed as its serialised text (same seed → byte-identical scenario in Node and in the browser).
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { serializeScenario } from '../engine/scenario/index.ts';
import { generatePreset } from '../workloads/presets/index.ts';

export const SELF_CHECK_PRESET = { id: 'mixed-defi', txs: 300, seed: 7 } as const;

export function presetDigest(id: string = SELF_CHECK_PRESET.id, txs: number = SELF_CHECK_PRESET.txs, seed: number = SELF_CHECK_PRESET.seed): string {
  const text = serializeScenario(generatePreset(id, { txs }, seed));
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

/** A two-file project with an import, and a file with a syntax error on line 3. */
export const SELF_CHECK_SOURCES = {
  good: {
    'Base.sol': '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\ncontract Base { uint256 public count; function bump() public { count += 1; } }\n',
    'Child.sol': '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\nimport "./Base.sol";\ncontract Child is Base {}\n',
  },
  broken: {
    'Broken.sol': '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\ncontract Broken { uint256 x = ; }\n',
  },
} as const;
