// SHA-256 through WebCrypto, which Node (>= 19 as globalThis.crypto), workers and pages all have.
// The core build has no DOM or Node types; this is the one slice of WebCrypto we use.
interface DigestOnly {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

/** The SHA-256 of `bytes` as 64 lowercase hex digits. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = (globalThis as unknown as { crypto?: { subtle?: DigestOnly } }).crypto?.subtle;
  if (!subtle) {
    // Browsers only expose crypto.subtle in secure contexts (https or localhost).
    throw new Error(
      'Cannot compute a SHA-256 checksum: crypto.subtle is unavailable (the page is not served over https or from localhost).',
    );
  }
  return toHex(new Uint8Array(await subtle.digest('SHA-256', bytes)));
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/.test(hex)) throw new Error(`Not a lowercase hex string: ${JSON.stringify(hex.slice(0, 80))}.`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// The core build has no DOM types: TextEncoder (in every browser, worker and Node), declared.
type EncoderCtor = new () => { encode(text: string): Uint8Array };

/** The UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return new (globalThis as unknown as { TextEncoder: EncoderCtor }).TextEncoder().encode(text);
}
