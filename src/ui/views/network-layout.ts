// Where the network view draws each unit and edge: pure geometry and colours, so that the component
// only renders and the rules (copies side by side, dead units dark) are testable on their own.
import type { PictureLayer } from '../../core/inspect';

/** Inputs beyond this many are shown as one labelled box, not unit by unit. */
export const MAX_DRAWN_INPUTS = 32;

export interface DrawnUnit {
  layer: number;
  unit: number;
  x: number;
  y: number;
  r: number;
  fill: string;
  dead: boolean;
  /** How many units this one's group has (1: distinct). */
  copies: number;
  value: number;
}

export interface DrawnGroup {
  x: number;
  y0: number;
  y1: number;
  count: number;
}

export interface DrawnEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  width: number;
  opacity: number;
}

export interface NetworkLayout {
  width: number;
  height: number;
  columns: { x: number; label: string; units: number; drawn: boolean }[];
  units: DrawnUnit[];
  groups: DrawnGroup[];
  edges: DrawnEdge[];
}

const POSITIVE = [0, 114, 178]; // blue
const NEGATIVE = [213, 94, 0]; // vermillion
const mix = (rgb: number[], t: number) => `rgb(${rgb.map((c) => Math.round(255 + (c - 255) * t)).join(',')})`;

/** A unit's fill: blue for positive mean activations, vermillion for negative, white near zero. */
export function activationColor(value: number, scale: number): string {
  const t = scale > 0 ? Math.min(1, Math.abs(value) / scale) : 0;
  return mix(value >= 0 ? POSITIVE : NEGATIVE, t);
}

/** Units in drawing order: each group of copies together, in the order of its first unit. */
export function drawingOrder(copyOf: Int32Array): number[] {
  const order: number[] = [];
  for (let u = 0; u < copyOf.length; u++) {
    if (copyOf[u] !== u) continue;
    for (let v = u; v < copyOf.length; v++) if (copyOf[v] === u) order.push(v);
  }
  return order;
}

export function layoutNetwork(layers: readonly PictureLayer[], width: number, height: number): NetworkLayout {
  const pad = 28;
  const columnX = (i: number) => pad + (layers.length === 1 ? 0 : (i * (width - 2 * pad)) / (layers.length - 1));
  const units: DrawnUnit[] = [];
  const groups: DrawnGroup[] = [];
  const edges: DrawnEdge[] = [];
  const positions: (Map<number, { x: number; y: number }> | null)[] = [];
  const columns = layers.map((layer, i) => {
    const drawn = i > 0 || layer.units <= MAX_DRAWN_INPUTS;
    return { x: columnX(i), label: layer.label, units: layer.units, drawn };
  });

  layers.forEach((layer, i) => {
    if (!columns[i].drawn) {
      positions.push(null);
      return;
    }
    const order = drawingOrder(layer.copyOf);
    const gap = (height - 2 * pad) / Math.max(1, layer.units);
    const r = Math.max(1.5, Math.min(10, gap * 0.38));
    const scale = Math.max(1e-9, ...Array.from(layer.meanActivation, Math.abs));
    const at = new Map<number, { x: number; y: number }>();
    const sizes = new Map<number, number>();
    for (const g of layer.copyOf) sizes.set(g, (sizes.get(g) ?? 0) + 1);
    order.forEach((unit, k) => {
      const y = pad + (k + 0.5) * gap;
      at.set(unit, { x: columns[i].x, y });
      const value = layer.meanActivation[unit];
      const dead = layer.dead[unit] === 1;
      units.push({ layer: i, unit, x: columns[i].x, y, r, fill: dead ? '#2b2b2b' : activationColor(value, scale), dead, copies: sizes.get(layer.copyOf[unit]) ?? 1, value });
    });
    // A bracket around each group of copies: the layer behaves as fewer units than it has.
    for (const [group, count] of sizes) {
      if (count < 2) continue;
      const ys = order.filter((u) => layer.copyOf[u] === group).map((u) => at.get(u)!.y);
      groups.push({ x: columns[i].x, y0: Math.min(...ys) - r - 2, y1: Math.max(...ys) + r + 2, count });
    }
    positions.push(at);
  });

  layers.forEach((layer, i) => {
    const from = positions[i - 1];
    const to = positions[i];
    if (i === 0 || !from || !to || !layer.weights) return;
    const inUnits = layers[i - 1].units;
    const largest = Math.max(1e-12, ...Array.from(layer.weights, Math.abs));
    for (let a = 0; a < inUnits; a++) {
      for (let b = 0; b < layer.units; b++) {
        const w = layer.weights[a * layer.units + b];
        const p = from.get(a);
        const q = to.get(b);
        if (!p || !q || w === 0) continue;
        const t = Math.abs(w) / largest;
        edges.push({ x1: p.x, y1: p.y, x2: q.x, y2: q.y, color: w > 0 ? 'rgb(0,114,178)' : 'rgb(213,94,0)', width: 0.4 + 2.6 * t, opacity: 0.15 + 0.65 * t });
      }
    }
  });
  return { width, height, columns, units, groups, edges };
}
