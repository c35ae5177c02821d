// The session's last check before it allocates anything for a document: the page is a trust boundary
// like any other, so the memory budget is checked again here, against this backend's limit.
import { memoryLimit, type BudgetBackend, type EngineSizes } from '../core/budget';
import { checkMemory, type ExperimentDoc } from '../core/experiment';

/** Throws, naming every run and layer over the limit, when `doc` would not fit on `backend` here. */
export function assertFitsMemory(doc: ExperimentDoc, backend: BudgetBackend, engine: Partial<EngineSizes> = {}): void {
  const tooBig = checkMemory(doc, memoryLimit(backend, deviceMemory()), engine);
  if (tooBig.length > 0) throw new Error(`the experiment does not fit in memory here:\n  ${tooBig.map((i) => i.message).join('\n  ')}`);
}

/** navigator.deviceMemory (GiB) where the browser gives it, in a worker or on the page. */
function deviceMemory(): number | undefined {
  return (globalThis as { navigator?: { deviceMemory?: number } }).navigator?.deviceMemory;
}
