// Text from files and arguments reaches the terminal through here. A file can hold escape sequences
// (ESC [ 2 J clears the screen, ESC ] 0 ; retitles the window, CR rewrites the line, U+202E flips
// what follows): echoed raw in a message they would act on the terminal instead of showing what is
// wrong. They are written as visible escapes instead, in JSON's \uXXXX form, which is also what the
// validator's JSON.stringify-quoted values already look like (and keeps --json lines valid JSON).
import type { Io } from './io';

/** C0 controls except tab and newline, DEL, C1 controls (U+009B is a one-byte CSI), bidi overrides and isolates. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same Io with every line escaped; the status line's own \r and erase sequence are added after. */
export function safeIo(io: Io): Io {
  return {
    out: (line) => io.out(escapeControls(line)),
    err: (line) => io.err(escapeControls(line)),
    status: (line) => io.status(escapeControls(line)),
  };
}
