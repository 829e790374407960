/** The `telltale` command (bin/telltale.mjs): dispatches to its subcommands. */
import { relayCommand } from './relay/command.js';
import { tailCommand, USAGE as TAIL_USAGE } from './tail.js';

type ProcessLike = Parameters<typeof tailCommand>[1];

const USAGE = `Usage: telltale <command> [options]

Commands:
  tail <url-of-a-log-stream>   recent lines, then the live tail (telltale tail --help)
  relay SOURCE...              broadcast files, commands, containers, journals to every
                               viewer (telltale relay --help)

${TAIL_USAGE}`;

export async function main(argv: string[], proc: ProcessLike = (globalThis as unknown as { process: ProcessLike }).process): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'tail') return tailCommand(rest, proc);
  if (command === 'relay') return relayCommand(rest, proc);
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    proc.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  proc.stderr.write(`telltale: unknown command ${command}\n\n${USAGE}`);
  return 2;
}
