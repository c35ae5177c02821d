// One colour per run across the whole page, stable while runs are added, removed or renamed away
// from: charts, cards and views all read the same map.
import { assignColorIndices } from '../charts/run-colors';

export class RunColors {
  private previous = new Map<string, number>();

  /** Colour index per run name, keeping every surviving run's colour. */
  assign(names: readonly string[]): Map<string, number> {
    this.previous = assignColorIndices(names, this.previous);
    return this.previous;
  }
}
