// When training leaves the worker for the page's thread: a GPU is worth more than a free main thread
// for this kind of work, so a worker without WebGL hands over to the page if the page has it.
import type { BackendMessage } from '../worker/protocol';

/** Only on a probe (nothing is training yet), only from the worker, only if the page has WebGL. */
export function shouldMoveToMainThread(message: BackendMessage, busy: boolean, pageHasWebGL: () => boolean): boolean {
  return message.where === 'worker' && message.requested === 'webgl' && message.info.name !== 'webgl' && !busy && pageHasWebGL();
}

/** What the header says once training runs on the page's thread. */
export function mainThreadNote(message: BackendMessage): string {
  return `Training runs on the page's thread: the worker has no WebGL here (${message.fallback ?? 'it fell back to ' + message.info.name}). The page may respond more slowly while training.`;
}

export function detectPageWebGL(): boolean {
  try {
    return typeof document !== 'undefined' && !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}
