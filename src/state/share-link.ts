// The experiment in the URL hash, so that a copied link reproduces the set-up exactly. The hash
// carries the document as base64url-encoded UTF-8 JSON; reading it back goes through the same
// validation as any other input, so a hand-edited link gets readable messages, never a crash.
const PREFIX = 'exp=';

export function encodeShareHash(doc: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(doc));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `#${PREFIX}${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

export type HashContent = { kind: 'none' } | { kind: 'document'; value: unknown } | { kind: 'lesson'; id: string } | { kind: 'invalid'; message: string };

const DAMAGED = 'the experiment in the link is damaged';
const CUT_SHORT = 'it may have been cut short when copied';

/** Never throws: whatever is in the address bar, the answer is one of HashContent's kinds. */
export function decodeShareHash(hash: string): HashContent {
  const body = hash.replace(/^#/, '');
  if (!body) return { kind: 'none' };
  if (body.startsWith('lesson=')) return decodeLesson(body.slice('lesson='.length));
  if (!body.startsWith(PREFIX)) return { kind: 'invalid', message: 'the link does not hold an experiment (expected #exp=… or #lesson=…)' };
  const bytes = fromBase64Url(body.slice(PREFIX.length));
  if (typeof bytes === 'string') return { kind: 'invalid', message: `${DAMAGED}: ${bytes}` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'invalid', message: `${DAMAGED}: its bytes are not UTF-8 text (${CUT_SHORT})` };
  }
  try {
    return { kind: 'document', value: JSON.parse(text) };
  } catch (err) {
    return { kind: 'invalid', message: `${DAMAGED}: it is not valid JSON (${quote((err as Error).message)}; ${CUT_SHORT})` };
  }
}

function decodeLesson(escaped: string): HashContent {
  try {
    return { kind: 'lesson', id: decodeURIComponent(escaped) };
  } catch {
    // decodeURIComponent throws URIError on a truncated or non-UTF-8 escape such as %E0%A4%A.
    return { kind: 'invalid', message: `the lesson name in the link has a broken % escape (${quote(escaped)}); a lesson link looks like #lesson=dying-relu` };
  }
}

/**
 * The bytes of base64url text (padding optional; plain base64's + and / are read too, as a
 * hand-made link may use them), or a sentence saying what is wrong with it.
 */
function fromBase64Url(text: string): Uint8Array | string {
  const body = text.replace(/={1,2}$/, '');
  const bad = body.search(/[^A-Za-z0-9_+/-]/);
  if (bad >= 0) return `${quote(body[bad])} at character ${bad + 1} is not base64url (letters, digits, - and _)`;
  // A length of 4k + 1 is no whole number of bytes.
  if (body.length % 4 === 1) return `its length does not fit base64url (${CUT_SHORT})`;
  const binary = atob(body.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (body.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Quoted for a message, and cut short: a link can be megabytes long. */
function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
