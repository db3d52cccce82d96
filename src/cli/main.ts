/**
 * `npm run cli -- <command> …`: the Node entry point. Dispatches to a command; turns user errors into one line on
 * stderr and an exit code (0 ok, 1 verification mismatch, 2 bad input or usage, 3 internal error).
 */
import { EXIT, UsageError, runMain, type Command } from './args.ts';
// Every command by name: a new one is added in commands/index.ts.
import { COMMANDS } from './commands/index.ts';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Parallax — a parallel EVM executor you can watch.

Usage: npm run cli -- <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}
  ${'help'.padEnd(width)}  this text, or a command's options: npm run cli -- help <command>

Benchmarks: npm run bench -- --help`;
}

function find(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    throw new UsageError(`unknown command "${name}" (known: ${COMMANDS.map((c) => c.name).join(', ')}, help)`);
  }
  return command;
}

async function cli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    console.error(help());
    return EXIT.usage;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log(rest.length > 0 ? find(rest[0]).usage : help());
    return EXIT.ok;
  }
  return find(name).main(rest);
}

await runMain(() => cli(process.argv.slice(2)));
