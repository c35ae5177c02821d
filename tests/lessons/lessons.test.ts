// Every lesson's shape: a valid experiment of two or more runs sharing a seed, an explanation,
// controls that are valid documents and name checks the claim really makes.
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/experiment';
import { LESSONS } from '../../src/lessons';

describe('every lesson', () => {
  it.each(LESSONS.map((l) => [l.id, l] as const))('%s has a valid experiment and controls, an explanation and a title', (_, lesson) => {
    for (const input of [lesson.experiment, ...lesson.controls.map((c) => c.experiment)]) {
      const parsed = parseExperiment(input);
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      expect(parsed.doc.runs.length).toBeGreaterThanOrEqual(2);
      expect(new Set(parsed.doc.runs.map((r) => r.seed)).size).toBe(1);
    }
    expect(lesson.explanation.join(' ').length).toBeGreaterThan(100);
    expect(lesson.lookAt.length).toBeGreaterThan(0);
    expect(lesson.controls.length).toBeGreaterThan(0);
    for (const c of lesson.controls) {
      expect(c.breaks.length).toBeGreaterThan(0);
      expect(c.describe.length).toBeGreaterThan(20);
    }
  });

  it('has unique ids, and formulas in plain text (no TeX)', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      const text = [l.title, ...l.explanation, ...l.lookAt, l.fullVersion ?? '', ...l.controls.map((c) => c.describe)].join('\n');
      expect(text, l.id).not.toMatch(/\\[a-z]+|\^\{|_\{|\$/);
    }
  });
});
