// Classroom shortcuts: space trains or pauses, s steps, r resets. Keys typed into a field are the
// field's, never a shortcut.
export interface ShortcutActions {
  trainOrPause(): void;
  step(): void;
  reset(): void;
}

const EDITABLE = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON']);

export function handleShortcut(event: KeyboardEvent, actions: ShortcutActions): void {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  if (target && (EDITABLE.has(target.tagName) || target.isContentEditable)) return;
  const action = event.key === ' ' ? actions.trainOrPause : event.key === 's' ? actions.step : event.key === 'r' ? actions.reset : null;
  if (!action) return;
  event.preventDefault();
  action();
}
