// POOLk (or MAXPOOLk): k×k max-pooling with stride k unless told otherwise (S2).
import { poolingKind, type PoolFields } from './pooling';

export interface MaxPoolSpec extends PoolFields {
  type: 'maxpool';
}

export const maxpool = poolingKind({ type: 'maxpool', words: ['POOL', 'MAXPOOL'], label: 'POOL (max-pooling)', what: 'max-pooling', picksMaximum: true });
