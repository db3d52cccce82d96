// Prints the self-check preset's digest as Node computes it (the e2e test compares it with the browser's).
import { presetDigest } from '../src/selfcheck/checks.ts';

console.log(presetDigest());
