// The `lab` command: `npm run lab -- <command> ...`. Bad input exits with status 2 and a message,
// never a stack trace.
import { LESSONS } from '../lessons';
import { benchCommand } from './bench-command';
import { convCommand } from './conv-command';
import { processIo, UsageError, type Io } from './io';
import { runCommand } from './run-command';
import { summaryCommand } from './summary-command';

const USAGE = `usage: lab <command>
  summary "<notation>" [--json]      shapes, parameters and receptive fields per layer
  lessons                            list the lessons with their titles
  run <experiment.json | lesson-id> [--json] [--steps N] [--backend cpu|wasm]
                                     train headless; --json prints one event per line
  conv --input "0 1 0; 1 1 0; 0 0 1" (--filter "1 0; 0 1" [--pad P] | --pool max|avg --window K) [--stride S] [--json]
                                     a convolution or pooling worked out by hand
  bench [--workload mlp,cnn,xor] [--backend wasm,cpu] [--json]
                                     examples/s of this engine, tfjs model.fit and ConvNetJS`;

export async function lab(args: string[], io: Io): Promise<number> {
  const [command, ...rest] = args;
  try {
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
        for (const lesson of LESSONS) io.out(`${lesson.id.padEnd(18)} ${lesson.title}`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
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
