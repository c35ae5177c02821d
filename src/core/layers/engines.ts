// Each kind's engine, by type: the tfjs half of the registry (registry.ts holds the pure half).
import { batchnormEngine } from './batchnorm.engine';
import { conv2dEngine } from './conv2d.engine';
import { denseEngine } from './dense.engine';
import type { LayerEngine } from './engine';
import { avgpoolEngine } from './avgpool.engine';
import { dropoutEngine } from './dropout.engine';
import { flattenEngine } from './flatten.engine';
import { maxpoolEngine } from './maxpool.engine';
import type { LayerSpec, LayerType } from './registry';

const ENGINES: { [T in LayerType]: LayerEngine<Extract<LayerSpec, { type: T }>> } = {
  dense: denseEngine,
  conv2d: conv2dEngine,
  maxpool: maxpoolEngine,
  avgpool: avgpoolEngine,
  flatten: flattenEngine,
  dropout: dropoutEngine,
  batchnorm: batchnormEngine,
};

export function engineOf(type: LayerType): LayerEngine<LayerSpec> {
  return ENGINES[type] as LayerEngine<LayerSpec>;
}
