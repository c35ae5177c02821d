// Two lesson verdicts on WebGL in every run of the suite (the rest: npm run test:webgl-lessons, minutes
// per lesson on software WebGL): the same claims and controls as in Node, on the backend students use.
import { describe } from 'vitest';
import { lessonsOnWebgl } from '../webgl-lessons/lessons-webgl';

describe('lessons on webgl (CI-sized)', () => lessonsOnWebgl(['xor-hidden-layer', 'init-symmetry']));
