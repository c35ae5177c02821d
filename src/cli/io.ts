// What a command may do to the outside world, injected so that tests can run commands in-process.
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current status line (a progress bar); a no-op when stderr is not a terminal. */
  status(line: string): void;
}

/** Bad arguments or input: reported as a message and exit status 2, never a stack trace. */
export class UsageError extends Error {}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  status: (line) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`);
  },
};
