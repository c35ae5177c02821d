// ModelSpec -> course notation (see docs/notation.md). Canonical form: upper-case keywords, each kind's
// options in the order its module writes them, and no option that equals its default, so that
// "INPUT 28x28x1, CONV5-8, POOL2, FC-10" formats to itself. Each layer formats itself (its kind's
// notation.format); this joins them.
import { kindOf, places, type LayerSpec, type ModelSpec, type Place } from './layers';
import { inputToNotation } from './notation-words';

export function formatNotation(model: ModelSpec): string {
  const where = places(model.layers);
  return [inputToNotation(model.input), ...model.layers.map((layer, i) => layerToNotation(layer, where[i]))].join(', ');
}

/** One layer's canonical text; `place` says whether it is the model's output layer (see places()). */
export function layerToNotation(layer: LayerSpec, place: Place = { isOutput: false }): string {
  return kindOf(layer.type).notation.format(layer, place);
}
