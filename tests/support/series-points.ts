// Every raw point of a chart series, non-finite ones included (the views leave those out).
import type { Point, Series } from '../../src/charts/series';

export function rawPoints(series: Series | undefined): Point[] {
  if (!series) return [];
  return Array.from({ length: series.length }, (_, i) => ({ x: series.xAt(i), y: series.yAt(i) }));
}
