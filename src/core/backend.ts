// The one place that chooses a tfjs backend. tf.setBackend can resolve false and tfjs then quietly
// keeps another backend, so every choice is verified and reported with what actually runs.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { checkGradients, describeFailedCheck, type GradientCheck } from './backend-check';
import { registerConvFilterGradient } from './kernels/conv-filter-gradient';
import { registerWasmSlice } from './kernels/wasm-slice';

/** In order of preference when one fails; webgpu only where the browser has it (navigator.gpu). */
export const BACKENDS = ['webgl', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
/** What a user or a document may ask for: a backend, or the fastest one measured for the experiment. */
export type BackendRequest = BackendName | 'auto';

export interface BackendInfo {
  name: BackendName;
  /** The GPU's renderer string for webgl (e.g. "ANGLE (NVIDIA ...)"), else a description. */
  renderer: string;
  /** True when WebGL runs in software (SwiftShader, llvmpipe): real code path, CPU speed. */
  software: boolean;
  /** The gradient self-check this backend passed (absent for cpu, the reference itself). */
  gradientCheck?: { maxRelativeError: number; tolerance: number };
}

export interface BackendOptions {
  /** Where the browser finds tfjs's .wasm files (a folder URL or a file-name map). */
  wasmPaths?: string | Record<string, string>;
}

export class BackendUnavailableError extends Error {}

/** The wasm paths handed to tfjs, kept so that the same paths are not set twice (tfjs refuses that after a failed init). */
let wasmPathsSet: string | undefined;

/**
 * Tells tfjs where the .wasm files are before any backend is initialised, whichever is asked for:
 * tfjs may initialise wasm on its own (tf.ready() with no working backend tries every registered
 * one), and a wasm init without the paths fetches the page's HTML, aborts, and from then on
 * setWasmPaths throws "The WASM backend was already initialized".
 */
function configureWasm(paths: BackendOptions['wasmPaths']): void {
  if (!paths) return;
  const key = JSON.stringify(paths);
  if (key === wasmPathsSet) return;
  setWasmPaths(paths as string);
  wasmPathsSet = key;
}

export async function useBackend(name: BackendName, options: BackendOptions = {}): Promise<BackendInfo> {
  registerConvFilterGradient();
  registerWasmSlice();
  if (name === 'webgl') {
    // Without this flag tfjs refuses a software rasteriser such as headless Chromium's SwiftShader.
    tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  }
  let ok = false;
  let reason = '';
  try {
    if (name === 'webgpu') await loadWebGpu();
    configureWasm(options.wasmPaths);
    ok = await tf.setBackend(name);
    // Only after a success: after a failed setBackend there is no backend, and tf.ready() would
    // initialise every other registered one in priority order behind the caller's back.
    if (ok) await tf.ready();
  } catch (err) {
    reason = `: ${(err as Error).message}`;
  }
  if (!ok || tf.getBackend() !== name) {
    throw new BackendUnavailableError(`the ${name} backend is not available here${reason}`);
  }
  const check = name === 'cpu' ? null : await checkedGradients(name);
  if (name === 'cpu') {
    // In Node the cpu backend's first op prints advice to install tfjs-node, a native build that
    // this project does not use (wasm is its fast Node backend). The flag is what tfjs checks.
    (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
  }
  const info = describeBackend(name);
  return check ? { ...info, gradientCheck: { maxRelativeError: check.maxRelativeError, tolerance: check.tolerance } } : info;
}

/** Each backend's check, once per page or process: the answer does not change while the device stays. */
const checks = new Map<string, Promise<GradientCheck>>();

async function checkedGradients(name: string): Promise<GradientCheck> {
  let check = checks.get(name);
  if (!check) {
    check = checkGradients();
    checks.set(name, check);
    check.catch(() => checks.delete(name));
  }
  return refuseWrongGradients(await check);
}

/** Throws (the backend is refused) when the check failed; returns it otherwise. */
export function refuseWrongGradients(check: GradientCheck): GradientCheck {
  if (!check.ok) throw new BackendUnavailableError(describeFailedCheck(check));
  return check;
}

/**
 * tfjs's WebGPU backend is loaded only when asked for: most browsers that lack it would carry its
 * code for nothing, and it registers itself only where navigator.gpu exists.
 */
async function loadWebGpu(): Promise<void> {
  const gpu = (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu;
  if (!gpu) throw new Error('this browser has no WebGPU (navigator.gpu)');
  await import('@tensorflow/tfjs-backend-webgpu');
}

function describeBackend(name: BackendName): BackendInfo {
  if (name === 'webgpu') {
    const adapter = (tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
    const renderer = [adapter?.vendor, adapter?.architecture].filter(Boolean).join(' ') || 'unknown WebGPU adapter';
    // A fallback adapter (SwiftShader's WebGPU) is software too; tfjs does not say, the name might.
    return { name, renderer, software: /swiftshader|llvmpipe|software|fallback/i.test(renderer) };
  }
  if (name !== 'webgl') {
    return { name, renderer: name === 'wasm' ? 'WebAssembly (CPU)' : 'JavaScript (CPU)', software: true };
  }
  const renderer = webglRenderer();
  return { name, renderer, software: /swiftshader|llvmpipe|software|basic render/i.test(renderer) };
}

interface GlLike {
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(p: number): unknown;
  RENDERER: number;
}

function webglRenderer(): string {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: GlLike } }).gpgpu?.gl;
  if (!gl) return 'unknown WebGL renderer';
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}
