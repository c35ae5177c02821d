// Picks the backend for a session: the one asked for if it works, else the next that does, with a
// sentence saying what failed. A worker may lack WebGL (no OffscreenCanvas, a blocklisted GPU) even
// where the page has it; the UI shows the sentence and can offer the main-thread fallback.
import { errorText } from '../core/error-text';
import { BACKENDS, useBackend, type BackendInfo, type BackendName, type BackendOptions } from '../core/backend';

export interface BackendChoice {
  info: BackendInfo;
  /** Set when the requested backend failed. */
  fallback?: string;
}

export type UseBackend = (name: BackendName, options: BackendOptions) => Promise<BackendInfo>;

/** Tries the requested backend, then the others in order of preference (webgl, wasm, cpu). */
export async function chooseBackend(
  requested: BackendName,
  options: BackendOptions,
  use: UseBackend = useBackend,
): Promise<BackendChoice> {
  const failures: string[] = [];
  for (const name of [requested, ...BACKENDS.filter((b) => b !== requested)]) {
    try {
      const info = await use(name, options);
      if (!failures.length) return { info };
      return { info, fallback: `${failures.join('; ')}; using ${name} instead` };
    } catch (err) {
      failures.push(describeFailure(name, err));
    }
  }
  throw new Error(`no tfjs backend works here: ${failures.join('; ')}`);
}

function describeFailure(name: BackendName, err: unknown): string {
  const message = errorText(err);
  // useBackend's own errors already name the backend; others (a wasm fetch, a shader) do not.
  return message.includes(name) ? message : `${name} failed: ${message}`;
}
