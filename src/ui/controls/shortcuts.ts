// The keys of the training controls, named in their tooltips. The App's window listener
// (shell/keyboard.ts) maps the keys to TrainingControls' exported actions of the same names.

export type ControlAction = 'trainOrPause' | 'step' | 'reset';

export const SHORTCUTS: Readonly<Record<ControlAction, { key: string; label: string }>> = Object.freeze({
  trainOrPause: { key: ' ', label: 'Space' },
  step: { key: 's', label: 'S' },
  reset: { key: 'r', label: 'R' },
});
