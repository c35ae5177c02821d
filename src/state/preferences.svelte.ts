// What the page remembers between visits: presentation mode, and whether the start panel was read.
// Kept in localStorage; a browser that refuses storage (private mode, a policy) just forgets.

const KEY = 'gradient-lab:preferences';

interface Stored {
  presentation: boolean;
  startDismissed: boolean;
}

function read(storage: Storage | undefined): Stored {
  try {
    const value = JSON.parse(storage?.getItem(KEY) ?? '{}') as Partial<Stored>;
    return { presentation: value.presentation === true, startDismissed: value.startDismissed === true };
  } catch {
    return { presentation: false, startDismissed: false };
  }
}

export class Preferences {
  #stored = $state<Stored>({ presentation: false, startDismissed: false });

  constructor(private readonly storage: Storage | undefined = globalThis.localStorage) {
    this.#stored = read(storage);
  }

  get presentation(): boolean {
    return this.#stored.presentation;
  }

  set presentation(on: boolean) {
    this.#stored.presentation = on;
    this.save();
  }

  get startDismissed(): boolean {
    return this.#stored.startDismissed;
  }

  dismissStart(): void {
    this.#stored.startDismissed = true;
    this.save();
  }

  showStart(): void {
    this.#stored.startDismissed = false;
    this.save();
  }

  private save(): void {
    try {
      this.storage?.setItem(KEY, JSON.stringify(this.#stored));
    } catch {
      // Storage refused: the preference lasts for this visit only.
    }
  }
}
