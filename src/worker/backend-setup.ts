// The session's backend set-ups, one after another: which backend the latest one asked for, which it
// chose, and the 'auto' measurements already made (the same shapes and batch are timed once).
import type { BackendName, BackendOptions } from '../core/backend';
import { timeSteps, timingKey } from '../core/backend-timing';
import type { ExperimentDoc } from '../core/experiment';
import type { Dataset } from '../data/dataset';
import { chooseBackend, chooseFastest, useMeasured, type BackendChoice, type Measured } from './backend-choice';
import type { StartMessage } from './protocol';

export interface BackendSetupOptions {
  wasmPaths?: BackendOptions['wasmPaths'];
  /** Each set-up's backend, once chosen (the context watch follows a webgl one). */
  onChosen(name: BackendName): void;
}

export class BackendSetup {
  /** The latest set-up: work that must not race a backend switch waits for it. */
  private latest: Promise<unknown> = Promise.resolve();
  private chosenChoice: BackendChoice | null = null;
  /** The backend the latest set-up asks for first, from the moment it asks (null while 'auto' measures). */
  private wanted: BackendName | null = null;
  private readonly timings = new Map<string, Measured[]>();

  constructor(private readonly options: BackendSetupOptions) {}

  /** The backend the latest set-up chose, once it has (null before any). */
  get chosen(): BackendChoice | null {
    return this.chosenChoice;
  }

  /** Whether setting up `request` would keep the backend as it is, so that nothing needs to switch. */
  keeps(request: StartMessage['backend']): boolean {
    const asked = request === 'auto' ? 'webgl' : request;
    return this.wanted === asked && (this.chosenChoice === null || this.chosenChoice.info.name === asked);
  }

  /** Resolves once the latest set-up has ended, whether or not it succeeded. */
  settled(): Promise<void> {
    return this.latest.then(
      () => {},
      () => {},
    );
  }

  /** Sets up `name`; a probe has no experiment to time, so 'auto' sets up the preferred backend (webgl). */
  choose(name: StartMessage['backend']): Promise<BackendChoice> {
    const wanted = name === 'auto' ? 'webgl' : name;
    const choice = this.follow(chooseBackend(wanted, { wasmPaths: this.options.wasmPaths }));
    this.wanted = wanted;
    return choice;
  }

  /** The fastest backend for this experiment, timed on a few of its steps on each (once per shapes and batch). */
  chooseFastest(doc: ExperimentDoc, dataset: Dataset, stacking: boolean | undefined): Promise<BackendChoice & { cached: boolean }> {
    const options = { wasmPaths: this.options.wasmPaths };
    const key = timingKey(doc, dataset, stacking ?? true);
    const known = this.timings.get(key);
    const choice = known
      ? useMeasured(known, options).then((c) => ({ ...c, cached: true }))
      : chooseFastest((fasterThan) => timeSteps(doc, dataset, { stacking, fasterThan }), options).then((c) => {
          this.timings.set(key, c.measured!);
          return { ...c, cached: false };
        });
    return this.follow(choice);
  }

  private follow<T extends BackendChoice>(choice: Promise<T>): Promise<T> {
    this.wanted = null;
    const followed = choice.then((chosen) => {
      this.chosenChoice = chosen;
      this.options.onChosen(chosen.info.name);
      return chosen;
    });
    this.latest = followed;
    return followed;
  }
}
