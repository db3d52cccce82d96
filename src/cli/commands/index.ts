/** Every command of `npm run cli`, by name (main.ts dispatches to them; the docs test checks the docs against them). */
import type { Command } from '../args.ts';
import { compareCommand } from './compare.ts';
import { conformanceCommand } from './conformance.ts';
import { genCommand } from './gen.ts';
import { presetsCommand } from './presets.ts';
import { runCommand } from './run.ts';
import { scaleCommand } from './scale.ts';

export const COMMANDS: readonly Command[] = [runCommand, compareCommand, conformanceCommand, scaleCommand, genCommand, presetsCommand];
