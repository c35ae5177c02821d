// Lesson verdicts on WebGL: the largest nets (a 200-unit layer on 8,000 digits, convolutions) and dropout's 600 steps.
import { describe } from 'vitest';
import { lessonsOnWebgl } from './lessons-webgl';

describe('lessons on webgl', () => lessonsOnWebgl(['dropout', 'depth-vs-width', 'conv-arithmetic', 'loss-landscape']));
