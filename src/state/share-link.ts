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

export function decodeShareHash(hash: string): HashContent {
  const body = hash.replace(/^#/, '');
  if (!body) return { kind: 'none' };
  if (body.startsWith('lesson=')) return { kind: 'lesson', id: decodeURIComponent(body.slice('lesson='.length)) };
  if (!body.startsWith(PREFIX)) return { kind: 'invalid', message: 'the link does not hold an experiment (expected #exp=… or #lesson=…)' };
  try {
    const base64 = body.slice(PREFIX.length).replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return { kind: 'document', value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { kind: 'invalid', message: 'the experiment in the link is damaged (it may have been cut short when copied)' };
  }
}
