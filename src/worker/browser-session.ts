/// <reference types="vite/client" />
// Wires a TrainingSession to the browser: fetch with progress for MNIST, and the wasm backend's
// binaries. Vite's `?url` gives each .wasm file a served (and, in a build, hashed) URL; tfjs looks
// its files up by name, so they are handed over as a name -> URL map.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { fetchWithProgress } from './fetch-bytes';
import type { FromSession, Where } from './protocol';
import { TrainingSession } from './session';

export const WASM_PATHS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
};

export function createBrowserSession(where: Where, post: (message: FromSession) => void): TrainingSession {
  return new TrainingSession({ where, post, fetchBytes: fetchWithProgress, wasmPaths: WASM_PATHS });
}
