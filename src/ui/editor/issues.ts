// Problems that have no field on screen (a hidden option, an unknown field in a loaded document)
// would otherwise be invisible while the experiment is invalid: panels list them at their foot.
import type { Issue } from '../../core/experiment';

/** Messages for `prefix` and everything under it whose path is not one of `shown`. */
export function unshownMessages(issues: readonly Issue[], prefix: string, shown: readonly string[]): string[] {
  const visible = new Set(shown);
  return issues
    .filter((i) => (i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`)) && !visible.has(i.path))
    .map((i) => i.message);
}
