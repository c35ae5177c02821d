// The module worker's entry: a TrainingSession whose messages cross postMessage. Training here keeps
// the page responsive; tfjs finds WebGL2 through OffscreenCanvas in a worker by itself.
import type { FromSession, ToSession } from './protocol';
import { createBrowserSession } from './browser-session';

// The project's type libraries describe a page (DOM), not a worker scope; these are the two
// members of DedicatedWorkerGlobalScope this file uses.
interface WorkerScope {
  postMessage(message: FromSession): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToSession>) => void): void;
}

const scope = self as unknown as WorkerScope;
const session = createBrowserSession('worker', (message) => scope.postMessage(message));
scope.addEventListener('message', (event) => session.handle(event.data));
