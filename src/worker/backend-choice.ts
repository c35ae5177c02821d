// Picks the backend for a session: the one asked for if it works, else the next that does, with a
// sentence saying what failed; or, asked for 'auto', the fastest for this experiment on this device,
// measured by training a few of its steps on each backend that works here. A worker may lack WebGL
// (no OffscreenCanvas, a blocklisted GPU) even where the page has it; the UI shows the sentence and
// can offer the main-thread fallback.
import { errorText } from '../core/error-text';
import { BACKENDS, useBackend, type BackendInfo, type BackendName, type BackendOptions } from '../core/backend';

export interface Measured {
  backend: BackendName;
  /** Wall-clock milliseconds per step of the whole experiment. */
  msPerStep: number;
  /** Timed on its warm-up steps only: it was already far slower than the best. */
  cutShort?: boolean;
}

export interface BackendChoice {
  info: BackendInfo;
  /** Set when the requested backend failed. */
  fallback?: string;
  /** With 'auto': every backend timed, fastest first. */
  measured?: Measured[];
}

export type UseBackend = (name: BackendName, options: BackendOptions) => Promise<BackendInfo>;

/** Tries the requested backend, then the others in order of preference (webgl, webgpu, wasm, cpu). */
export async function chooseBackend(requested: BackendName, options: BackendOptions, use: UseBackend = useBackend): Promise<BackendChoice> {
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

/**
 * Times the experiment on the current backend. `fasterThan` is the best ms/step so far: a CPU-side
 * backend may stop after its warm-up when that alone shows it is far slower (see timeSteps).
 */
export type MeasureSteps = (fasterThan: number | null) => Promise<Omit<Measured, 'backend'>>;

/** GPU backends compile shaders in their first steps: never cut short on a slow warm-up. */
const GPU_BACKENDS: readonly BackendName[] = ['webgl', 'webgpu'];

/**
 * Times each backend that works here on the experiment itself and sets the fastest. Backends that do
 * not work (no WebGPU, a failed gradient check) are left out; if none works, that is the error.
 */
export async function chooseFastest(measure: MeasureSteps, options: BackendOptions, use: UseBackend = useBackend): Promise<BackendChoice> {
  const measured: Measured[] = [];
  const failures: string[] = [];
  for (const name of BACKENDS) {
    try {
      await use(name, options);
      const best = measured.length ? Math.min(...measured.map((m) => m.msPerStep)) : null;
      measured.push({ backend: name, ...(await measure(GPU_BACKENDS.includes(name) ? null : best)) });
    } catch (err) {
      failures.push(describeFailure(name, err));
    }
  }
  if (!measured.length) throw new Error(`no tfjs backend works here: ${failures.join('; ')}`);
  measured.sort((a, b) => a.msPerStep - b.msPerStep);
  return { info: await use(measured[0].backend, options), measured };
}

/** The fastest of an earlier measurement, set again: a cached choice costs no timing. */
export async function useMeasured(measured: Measured[], options: BackendOptions, use: UseBackend = useBackend): Promise<BackendChoice> {
  return { info: await use(measured[0].backend, options), measured };
}

function describeFailure(name: BackendName, err: unknown): string {
  const message = errorText(err);
  // useBackend's own errors already name the backend; others (a wasm fetch, a shader) do not.
  return message.includes(name) ? message : `${name} failed: ${message}`;
}
