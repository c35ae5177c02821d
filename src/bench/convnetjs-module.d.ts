// The parts of ConvNetJS (which ships no types) that the benchmark uses.
declare module 'convnetjs' {
  export class Vol {
    constructor(sx: number, sy: number, depth: number, c?: number);
    w: Float64Array;
  }
  export class Net {
    makeLayers(defs: Record<string, unknown>[]): void;
  }
  export class SGDTrainer {
    constructor(net: Net, options: Record<string, unknown>);
    train(x: Vol, y: number): unknown;
  }
  const convnetjs: { Vol: typeof Vol; Net: typeof Net; SGDTrainer: typeof SGDTrainer };
  export default convnetjs;
}
