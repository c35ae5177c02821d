// Every lesson, in the order of shared/design/lessons.md (the order a course meets them).
import { activations } from './activations';
import { batchnorm } from './batchnorm';
import { clippingL2 } from './clipping-l2';
import { convArithmetic } from './conv-arithmetic';
import { convByHand } from './conv-by-hand';
import { depthVsWidth } from './depth-vs-width';
import { dropout } from './dropout';
import { dyingRelu } from './dying-relu';
import { dyingReluRate } from './dying-relu-rate';
import { gradientChecking } from './gradient-checking';
import { hingeVsSoftmax } from './hinge-vs-softmax';
import { initScale } from './init-scale';
import { initSymmetry } from './init-symmetry';
import { learningRate } from './learning-rate';
import { lrSchedules } from './lr-schedules';
import type { Lesson } from './lesson';
import { lossLandscape } from './loss-landscape';
import { momentum } from './momentum';
import { optimizers } from './optimizers';
import { xorHiddenLayer } from './xor-hidden-layer';
import { zeroCentredInputs } from './zero-centred-inputs';

export const LESSONS: readonly Lesson[] = [
  initSymmetry,
  initScale,
  activations,
  zeroCentredInputs,
  dyingRelu,
  dyingReluRate,
  momentum,
  optimizers,
  dropout,
  batchnorm,
  xorHiddenLayer,
  depthVsWidth,
  convArithmetic,
  convByHand,
  learningRate,
  lrSchedules,
  clippingL2,
  hingeVsSoftmax,
  lossLandscape,
  gradientChecking,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export type { Check, Claim, Lesson, LessonControl } from './lesson';
export { Outcome } from './outcome';
