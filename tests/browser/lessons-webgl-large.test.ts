// Lesson verdicts on WebGL: the largest nets (a 400-unit layer, convolutions) and dropout's 800 steps.
import { describe } from 'vitest';
import { lessonsOnWebgl } from './lessons-webgl';

describe('lessons on webgl', () => lessonsOnWebgl(['dropout', 'depth-vs-width', 'conv-arithmetic']));
