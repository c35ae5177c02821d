// The one place that chooses a tfjs backend. tf.setBackend can resolve false and tfjs then quietly
// keeps another backend, so every choice is verified and reported with what actually runs.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
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
    replaceLostWebGL();
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
  // Before the gradient check: a loss during the check must be seen too.
  if (name === 'webgl') trackContextLoss();
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
  getExtension(name: 'WEBGL_debug_renderer_info'): { UNMASKED_RENDERER_WEBGL: number } | null;
  getExtension(name: 'WEBGL_lose_context'): { loseContext(): void; restoreContext(): void } | null;
  getParameter(p: number): unknown;
  isContextLost(): boolean;
  RENDERER: number;
  canvas: CanvasLike;
}

/** The part of a canvas (an OffscreenCanvas in a worker) used here; core builds without DOM types. */
interface CanvasLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** The webgl backend's context, if it has been initialised (whether or not it is the current backend). */
function webglContext(): GlLike | null {
  const backend = tf.findBackend('webgl') as unknown as { gpgpu?: { gl?: GlLike } } | null;
  return backend?.gpgpu?.gl ?? null;
}

// ---- WebGL context loss ---------------------------------------------------------------------------
// A GPU driver reset, a sleeping laptop or the browser reclaiming the GPU loses the context: every
// texture is gone, and tfjs's readbacks then wait forever. Even a restored context has none of the
// textures, so a lost backend is never reused: the next useBackend('webgl') builds a new one on a
// new canvas.

/** Canvases whose loss is tracked, and whether the current backend's was lost. */
const tracked = new WeakSet<CanvasLike>();
let backendLost = false;

function trackContextLoss(): void {
  const canvas = webglContext()?.canvas;
  if (!canvas || tracked.has(canvas)) return;
  tracked.add(canvas);
  canvas.addEventListener('webglcontextlost', () => (backendLost = true));
}

function replaceLostWebGL(): void {
  const gl = webglContext();
  if (!backendLost && !gl?.isContextLost()) return;
  backendLost = false;
  try {
    tf.removeBackend('webgl');
  } catch {
    // Disposing a backend whose context is gone may fail; it is dropped either way.
  }
  // As @tensorflow/tfjs-backend-webgl registers it (priority 2); its kernels stay registered.
  tf.registerBackend('webgl', () => new MathBackendWebGL(), 2);
}

export interface WebGLContextEvents {
  lost(): void;
  restored(): void;
}

/**
 * Calls `events.lost` when the webgl backend's context is lost and `events.restored` when the
 * browser gives it back; returns the function that stops listening (a no-op without WebGL).
 */
export function watchWebGLContext(events: WebGLContextEvents): () => void {
  const canvas = webglContext()?.canvas;
  if (!canvas) return () => {};
  const lost = () => events.lost();
  const restored = () => events.restored();
  canvas.addEventListener('webglcontextlost', lost);
  canvas.addEventListener('webglcontextrestored', restored);
  return () => {
    canvas.removeEventListener('webglcontextlost', lost);
    canvas.removeEventListener('webglcontextrestored', restored);
  };
}

/**
 * Loses the webgl backend's context on purpose, through the WEBGL_lose_context extension (how the
 * tests, and anyone checking the recovery by hand, make a loss happen), and gives it back after
 * `restoreAfterMs` when that is set. False when there is no context to lose.
 */
export function loseWebGLContext(restoreAfterMs?: number): boolean {
  const extension = webglContext()?.getExtension('WEBGL_lose_context');
  if (!extension) return false;
  extension.loseContext();
  const timers = globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown };
  if (restoreAfterMs !== undefined) timers.setTimeout(() => extension.restoreContext(), restoreAfterMs);
  return true;
}

function webglRenderer(): string {
  const gl = webglContext();
  if (!gl) return 'unknown WebGL renderer';
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}
