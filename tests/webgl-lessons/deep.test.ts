// Lesson verdicts on WebGL: deeper nets and optimizers.
import { describe } from 'vitest';
import { lessonsOnWebgl } from './lessons-webgl';

describe('lessons on webgl', () => lessonsOnWebgl(['momentum', 'optimizers', 'activations', 'init-scale', 'batchnorm', 'clipping-l2', 'lr-schedules']));
