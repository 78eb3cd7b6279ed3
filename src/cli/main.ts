/**
 * The spinlab command line. Each command's module is loaded only when that
 * command runs, so start-up stays close to bare node. The only place that
 * exits the process.
 */
import { Command, CommanderError } from 'commander';
import { isSpinlabError } from '../errors.js';
import { spinlabVersion } from '../version.js';
import { ExitCode } from './exit-codes.js';
import { processIo, type CommandIo } from './io.js';

type Run = (io: CommandIo) => Promise<ExitCode>;

async function execute(run: Run, color: boolean | undefined): Promise<never> {
  const io = processIo(color);
  let code: ExitCode;
  try {
    code = await run(io);
  } catch (error) {
    if (isSpinlabError(error)) {
      io.err(`spinlab: ${error.message}\n${error.hint === undefined ? '' : `hint: ${error.hint}\n`}`);
      code = error.code === 'SPINLAB_INTERNAL' ? ExitCode.BelowFull : ExitCode.Usage;
    } else {
      io.err(`spinlab: internal error — please report it.\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      code = ExitCode.Usage;
    }
  }
  process.exitCode = code;
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

const program = new Command('spinlab')
  .description('Grade and teach Windows kernel spin locks on a simulated multicore NT kernel.')
  .version(spinlabVersion(), '-V, --version')
  .option('--no-color', 'no colors (also NO_COLOR=1)')
  .showHelpAfterError('(run `spinlab --help` for usage)')
  .exitOverride();

program
  .command('checks')
  .description('every check id with its rule and a one-line description')
  .option('--json', 'as JSON')
  .action(async (options: { json?: boolean }) => {
    const { runChecks } = await import('./commands/checks.js');
    await execute((io) => runChecks(options, io), program.opts().color as boolean | undefined);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage);
  }
  throw error;
}
