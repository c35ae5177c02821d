// The lesson tests' entry point in Node: a backend, the digits from disk, then the shared verdicts.
import type { BackendName } from '../../src/core/backend';
import { backend, mnistDigits } from '../support/engine';
import { judgeOnCurrentBackend, type Judged } from './verdicts';

export { expectVerdicts } from './verdicts';

export async function judgeWithControls(id: string, backendName: BackendName = 'wasm'): Promise<Judged> {
  await backend(backendName);
  return judgeOnCurrentBackend(id, mnistDigits);
}
