// The experiment editor, handed down to every field of a panel without threading it through each
// component in between (a layer row's number boxes, an initializer's parameters).
import { getContext, setContext } from 'svelte';
import type { ExperimentEditor } from '../../state/editor.svelte';

const KEY = Symbol('experiment-editor');

export function provideEditor(editor: ExperimentEditor): void {
  setContext(KEY, editor);
}

export function contextEditor(): ExperimentEditor | undefined {
  return getContext<ExperimentEditor | undefined>(KEY);
}
