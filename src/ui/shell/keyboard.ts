// Classroom shortcuts: space trains or pauses, s steps, r resets. Keys typed into a field are the
// field's, never a shortcut. A focused button keeps Space (the browser clicks it: the shortcut too
// would act twice), but s and r still work there: after clicking Train, focus sits on a button.
export interface ShortcutActions {
  trainOrPause(): void;
  step(): void;
  reset(): void;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function handleShortcut(event: KeyboardEvent, actions: ShortcutActions): void {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
  if (event.key === ' ' && target?.tagName === 'BUTTON') return;
  const action = event.key === ' ' ? actions.trainOrPause : event.key === 's' ? actions.step : event.key === 'r' ? actions.reset : null;
  if (!action) return;
  event.preventDefault();
  action();
}
