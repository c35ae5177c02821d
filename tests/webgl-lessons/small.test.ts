// Lesson verdicts on WebGL: the small nets.
import { describe } from 'vitest';
import { lessonsOnWebgl } from './lessons-webgl';

describe('lessons on webgl', () => lessonsOnWebgl(['xor-hidden-layer', 'learning-rate', 'hinge-vs-softmax', 'init-symmetry', 'gradient-checking', 'conv-by-hand', 'dying-relu', 'dying-relu-rate', 'zero-centred-inputs']));
