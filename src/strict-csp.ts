// The page runs under a strict Content-Security-Policy (index.html: no eval). zod probes for
// `new Function` the first time it parses an object, and the refused probe is reported as a policy
// violation on every load; jitless skips the probe. Imported first by main.ts, because the lesson
// modules already parse their documents while the imports are being evaluated.
import { config } from 'zod';

config({ jitless: true });
