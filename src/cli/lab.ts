// The `lab` command: `npm run lab -- <command> ...`. Bad input exits with status 2 and a message,
// never a stack trace.
import { LESSONS } from '../lessons';
import { benchCommand } from './bench-command';
import { convCommand } from './conv-command';
import { processIo, UsageError, type Io } from './io';
import { runCommand } from './run-command';
import { summaryCommand } from './summary-command';
import { safeIo } from './text';

const USAGE = `usage: lab <command>
  summary "<notation>" [--json]      shapes, parameters and receptive fields per layer
  lessons                            list the lessons with their titles
  run <experiment.json | lesson-id> [--json] [--steps N] [--backend cpu|wasm] [--no-stack] [--data PATH]
                                     train headless; --json prints one event per line;
                                     --data: the CSV file, image folder or .zip a csv or images document trains on
  conv --input "0 1 0; 1 1 0; 0 0 1" (--filter "1 0; 0 1" [--pad P] | --pool max|avg --window K) [--stride S] [--json]
                                     a convolution or pooling worked out by hand
  bench [--workload mlp,cnn,xor,comparisons] [--backend wasm,cpu] [--rounds N] [--json]
                                     examples/s of this engine, tfjs model.fit and ConvNetJS`;

const COMMANDS = ['summary', 'run', 'bench', 'conv', 'lessons'];

export async function lab(args: string[], rawIo: Io): Promise<number> {
  // Everything printed may quote a file or an argument: no raw control characters reach the terminal.
  const io = safeIo(rawIo);
  const [command, ...rest] = args;
  try {
    if (command !== undefined && COMMANDS.includes(command) && (rest.includes('--help') || rest.includes('-h'))) {
      io.out(USAGE);
      return 0;
    }
    switch (command) {
      case 'summary':
        return summaryCommand(rest, io);
      case 'run':
        return await runCommand(rest, io);
      case 'bench':
        return await benchCommand(rest, io);
      case 'conv':
        return convCommand(rest, io);
      case 'lessons':
        if (rest.length) throw new UsageError(`lab lessons takes no arguments, got ${rest.map((a) => JSON.stringify(a)).join(' ')}`);
        const width = Math.max(...LESSONS.map((l) => l.id.length));
        for (const lesson of LESSONS) io.out(`${lesson.id.padEnd(width)}  ${lesson.title}`);
        return 0;
      case undefined:
        // No command is a usage error: the usage goes to stderr, as every other error does.
        io.err(USAGE);
        return 2;
      case 'help':
      case '--help':
        io.out(USAGE);
        return 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}`);
      return 2;
    }
    io.err(`error: ${(err as Error).message}`);
    if (process.env.LAB_DEBUG) io.err(String((err as Error).stack));
    return 1;
  }
}

// Run when executed directly (tsx src/cli/lab.ts ...), not when imported by tests.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  lab(process.argv.slice(2), processIo).then((code) => {
    process.exitCode = code;
  });
}
