/**
 * The spinlab command line. Each command's module is loaded only when that
 * command runs, so start-up stays close to bare node. The only place that
 * exits the process.
 */
import { Command, CommanderError } from 'commander';
import { isSpinlabError } from '../errors.js';
import { guardLines, visibleText } from '../report/sanitize.js';
import { spinlabVersion } from '../version.js';
import { ExitCode } from './exit-codes.js';
import { internalErrorText } from './internal-error.js';
import { flushStdout, processIo, tolerateClosedReaders, type CommandIo } from './io.js';
import { withGradingOptions } from './options.js';

type Run = (io: CommandIo) => Promise<ExitCode>;

async function execute(run: Run): Promise<never> {
  const io = processIo(program.opts<{ color?: boolean }>().color);
  let code: ExitCode;
  try {
    code = await run(io);
  } catch (error) {
    // A message may quote a path or a name a student chose: made visible, as every report is.
    if (isSpinlabError(error)) {
      io.err(guardLines(visibleText(`spinlab: ${error.message}\n${error.hint === undefined ? '' : `hint: ${error.hint}\n`}error code: ${error.code}\n`)));
      code = ExitCode.Usage;
    } else {
      io.err(guardLines(visibleText(internalErrorText(error, process.env.SPINLAB_DEBUG))));
      code = ExitCode.Usage;
    }
  }
  await flushStdout();
  process.exit(code);
}

// SIGUSR1 would open this process's inspector to anyone on localhost: a sandbox child that ever
// escaped could send it. With a listener, Node does not start the inspector (use --inspect to debug).
process.on('SIGUSR1', () => {});

// `spinlab list | head -1`: a reader that leaves early ends the output, not the command (nor with a stack trace).
tolerateClosedReaders();

const program = new Command('spinlab')
  .description('Grade and teach Windows kernel spin locks on a simulated multicore NT kernel.')
  .version(spinlabVersion(), '-V, --version')
  .option('--no-color', 'no colors (also NO_COLOR=1)')
  .showHelpAfterError('(run `spinlab --help` for usage)')
  .exitOverride();

program
  .command('doctor')
  .description('is this machine and this course ready to grade: Node, the sandbox, the graders folder and why, every rubric')
  .option('--graders <dir>', 'a graders folder kept outside the package')
  .action(async (options: { graders?: string }) => {
    const { runDoctor } = await import('./commands/doctor.js');
    await execute((io) => runDoctor(options, io));
  });

program
  .command('list')
  .description('the exercises, with title and topic')
  .option('--json', 'as JSON')
  .option('--graders <dir>', 'a graders folder kept outside the package')
  .action(async (options: { json?: boolean; graders?: string }) => {
    const { runList } = await import('./commands/list.js');
    await execute((io) => runList(options, io));
  });

program
  .command('checks')
  .description('every check id with its rule and a one-line description')
  .option('--json', 'as JSON')
  .action(async (options: { json?: boolean }) => {
    const { runChecks } = await import('./commands/checks.js');
    await execute((io) => runChecks(options, io));
  });

program
  .command('explain')
  .description('a check’s rule, why it matters, a wrong and a right example (by check id or error code, e.g. SL0015); no argument lists every code')
  .argument('[check]', 'a check id (data-race) or error code (SL0015)')
  .action(async (check: string | undefined) => {
    const { runExplain } = await import('./commands/explain.js');
    await execute((io) => runExplain(check, io));
  });

withGradingOptions(
  program
    .command('check')
    .description("a student's run: visible items, with the rule, the line and a replay command for each finding")
    .argument('[exercise]', 'exercise id (default: the exercise folder you are in)')
    .argument('[file]', 'your driver file or folder (default: the exercise’s student file)')
    .option('--watch', 'check again on every save')
    .option('--all', 'every finding of each lost item, not only the first')
    .option('--html [file]', 'also write the first failing item’s timeline page (default: spinlab-timeline.html here)')
    .option('--open', 'with --html: open the page in your browser')
    .option('--json', 'print the result JSON')
    .option('--format <name>', 'text (default), json, junit, junit-jenkins, gradescope, github, classroom'),
).action(async (exercise: string | undefined, file: string | undefined, options) => {
  const { runCheck } = await import('./commands/check.js');
  await execute((io) => runCheck(exercise, file, options, io));
});

withGradingOptions(
  program
    .command('grade')
    .description('staff: grade one submission on every item')
    .argument('<exercise>', 'exercise id')
    .argument('<submission>', 'a folder holding the student file, or a .ts file')
    .option('--format <name>', 'text (default), json, junit, junit-jenkins, gradescope, github, classroom')
    .option('--json', 'same as --format json')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--base64', 'with --format classroom: base64-encode it (for a step output)')
    .option('--hidden', 'with --format junit: include hidden items (left out by default: CI shows JUnit to students)')
    .option('--html <dir>', 'for each failing item, replay its first failing schedule into <dir>/<item-id>.html'),
).action(async (exercise: string, submission: string, options) => {
  const { runGrade } = await import('./commands/grade.js');
  await execute((io) => runGrade(exercise, submission, options, io));
});

program
  .command('report')
  .description('staff: a written result (from spinlab batch or --format json) in any format, as spinlab grade prints it')
  .argument('<result>', 'a result JSON file')
  .option('--format <name>', 'text (default), json, junit, junit-jenkins, gradescope, github, classroom')
  .option('--out <file>', 'write the report to a file instead of stdout')
  .option('--base64', 'with --format classroom: base64-encode it (for a step output)')
  .option('--hidden', 'with --format junit: include hidden items (left out by default: CI shows JUnit to students)')
  .action(async (result: string, options: { format?: string; out?: string; base64?: boolean; hidden?: boolean }) => {
    const { runReport } = await import('./commands/report.js');
    await execute((io) => runReport(result, options, io));
  });

withGradingOptions(
  program
    .command('batch')
    .description('grade a class: one result JSON per submission, grades.csv, a summary')
    .argument('<exercise>', 'exercise id')
    .argument('[dir]', 'a folder of submissions (sub-folders or .ts files)')
    .option('--from-gradescope <export>', 'grade Gradescope\'s "Export submissions" zip (or its folder) instead, naming students from its metadata')
    .option('--jobs <n>', 'submissions graded at once (default: the number of CPUs)')
    .option('--out <dir>', 'where results go (default: spinlab-results)')
    .option('--resume', 'skip submissions whose result is already written and valid')
    .option('--shard <i/n>', 'grade only shard i of n (1-based), a stable share by name')
    .option('--excel', 'write grades.csv for Excel: a UTF-8 byte order mark and CRLF line ends'),
).action(async (exercise: string, dir: string | undefined, options) => {
  const { runBatch } = await import('./commands/batch.js');
  await execute((io) => runBatch(exercise, dir, options, io));
});

program
  .command('gradescope-autograder')
  .description('staff: the autograder zip of a Gradescope programming assignment for one exercise')
  .argument('<exercise>', 'exercise id')
  .option('--out <file>', 'where to write the zip (default: autograder.zip)')
  .option('--tarball <file>', 'the spinlab tarball to bundle (default: packed from this install)')
  .option('--node <version>', 'the Node 20 version setup.sh installs (default: the one spinlab is tested with)')
  .option('--graders <dir>', 'a graders folder kept outside the package')
  .action(async (exercise: string, options: { out?: string; tarball?: string; node?: string; graders?: string }) => {
    const { runGradescopeAutograder } = await import('./commands/gradescope-autograder.js');
    await execute((io) => runGradescopeAutograder(exercise, options, io));
  });

program
  .command('merge')
  .description('join the grades.csv of batch shards into one')
  .argument('<dirs...>', 'batch output folders (or grades.csv files)')
  .option('--out <file>', 'where to write the merged grades.csv (default: stdout)')
  .option('--excel', 'write it for Excel: a UTF-8 byte order mark and CRLF line ends')
  .action(async (dirs: string[], options: { out?: string; excel?: boolean }) => {
    const { runMerge } = await import('./commands/merge.js');
    await execute((io) => runMerge(dirs, options, io));
  });

program
  .command('diff')
  .description('compare two batch output folders student by student: who gained or lost points, on which items')
  .argument('<old>', 'the earlier batch --out folder')
  .argument('<new>', 'the later batch --out folder')
  .option('--json', 'as JSON')
  .action(async (before: string, after: string, options: { json?: boolean }) => {
    const { runDiff } = await import('./commands/diff.js');
    await execute((io) => runDiff(before, after, options, io));
  });

withGradingOptions(
  program
    .command('replay')
    .description('run one schedule exactly, with a per-CPU timeline')
    .argument('<exercise>', 'exercise id')
    .argument('<file>', 'the driver file or folder the schedule came from')
    .requiredOption('--schedule <code>', 'the schedule code printed beside a finding')
    .option('--json', 'the timeline and findings as JSON')
    .option('--html <file>', 'also write the timeline as one self-contained HTML page'),
).action(async (exercise: string, file: string, options) => {
  const { runReplay } = await import('./commands/replay.js');
  await execute((io) => runReplay(exercise, file, options, io));
});

program
  .command('selftest')
  .description('prove the graders: solutions get full marks, each mutant fails exactly its items, the starter scores at most the rubric’s starterMax and a do-nothing driver only the type-check')
  .argument('[exercise]', 'one exercise (default: all)')
  .option('--graders <dir>', 'a graders folder kept outside the package')
  .option('--jobs <n>', 'gradings run at once (default: the number of CPUs)')
  .option('--quick', 'only the rubric’s seed (skip the three extra seeds per mutant)')
  .option('--json', 'the table as JSON')
  .action(async (exercise: string | undefined, options: { graders?: string; jobs?: string; quick?: boolean; json?: boolean }) => {
    const { runSelftest } = await import('./commands/selftest.js');
    await execute((io) => runSelftest(exercise, options, io));
  });

program
  .command('new')
  .description('scaffold an exercise and its grader')
  .argument('<id>', 'the new exercise id (kebab-case, e.g. 09-my-exercise)')
  .option('--dir <dir>', 'where exercises/ and graders/ are (default: the current folder)')
  .action(async (id: string, options: { dir?: string }) => {
    const { runNew } = await import('./commands/new.js');
    await execute((io) => runNew(id, options, io));
  });

program
  .command('init-course')
  .description('make a course\'s two repositories: a student template (visible-only rubrics, Classroom workflow) and the private graders')
  .argument('<dir>', 'a new or empty folder')
  .option('--exercises <ids>', 'comma-separated exercise ids (default: every exercise with a grader)')
  .option('--graders <dir>', 'a graders folder kept outside the package')
  .option('--tarball <file>', 'the spinlab .tgz to vendor (default: pack this spinlab)')
  .action(async (dir: string, options: { exercises?: string; graders?: string; tarball?: string }) => {
    const { runInitCourse } = await import('./commands/init-course.js');
    await execute((io) => runInitCourse(dir, options, io));
  });

// A bug that escapes every command (an error on a stream, a rejection no one awaited) is an internal error too: one line, no install paths.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    process.stderr.write(guardLines(visibleText(internalErrorText(error, process.env.SPINLAB_DEBUG))));
    process.exit(ExitCode.Usage);
  });
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage);
  process.stderr.write(guardLines(visibleText(internalErrorText(error, process.env.SPINLAB_DEBUG))));
  process.exit(ExitCode.Usage);
}
