// AVGPOOLk: k×k average pooling with stride k unless told otherwise (S2). Each output is the mean of
// its window, so, unlike max-pooling, every input of the window gets a share of the gradient.
import { poolingKind, type PoolFields } from './pooling';

export interface AvgPoolSpec extends PoolFields {
  type: 'avgpool';
}

export const avgpool = poolingKind({ type: 'avgpool', words: ['AVGPOOL'], label: 'AVGPOOL (average pooling)', what: 'average pooling' });
