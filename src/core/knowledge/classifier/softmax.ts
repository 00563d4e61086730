/**
 * Multinomial logistic (softmax) regression over sparse vectors, trained by plain stochastic gradient
 * descent with L2 regularisation. Small on purpose: the classes are a few dozen topics and the samples
 * a few thousand questions, so one pass is a few milliseconds and there is nothing to tune but the
 * step size, the penalty and the number of passes.
 */

/** A sparse input: `values[i]` is the value of feature `indexes[i]`; absent features are 0. */
export interface SparseVector {
  readonly indexes: readonly number[];
  readonly values: readonly number[];
}

export interface Sample {
  readonly x: SparseVector;
  /** The classes the sample belongs to; a sample of several classes spreads its target evenly over them. */
  readonly labels: readonly number[];
}

export interface TrainingOptions {
  classes: number;
  dimensions: number;
  epochs: number;
  /** L2 penalty on the weights (not the biases). */
  l2: number;
  /** Initial step size; it decays as 1 / (1 + rate × l2 × t), the usual schedule for this loss. */
  learningRate: number;
  /** Seeds the order the samples are visited in, so the same inputs always give the same weights. */
  seed: number;
}

/**
 * Weights by feature then class (`weights[feature * classes + class]`), so one feature's row is contiguous.
 * Float32, as the build stores them: half the memory of float64, and a model read back answers exactly as
 * the one trained.
 */
export interface LinearModel {
  readonly classes: number;
  readonly weights: Float32Array;
  readonly biases: Float32Array;
}

export function train(samples: readonly Sample[], options: TrainingOptions): LinearModel {
  const { classes, dimensions, epochs, l2, learningRate, seed } = options;
  // The weights are kept as scale × v, so the L2 shrink of every weight at every step is one multiplication.
  const v = new Float64Array(dimensions * classes);
  const biases = new Float64Array(classes);
  let scale = 1;
  const p = new Float64Array(classes);
  const random = mulberry32(seed);
  const order = samples.map((_, i) => i);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const { x, labels } = samples[i] as Sample;
      const step = learningRate / (1 + learningRate * l2 * t++);
      scores(v, scale, biases, x, p);
      softmaxInPlace(p);
      for (const label of labels) p[label] = (p[label] ?? 0) - 1 / labels.length;
      scale *= 1 - step * l2;
      for (let j = 0; j < x.indexes.length; j++) {
        const row = (x.indexes[j] as number) * classes;
        const g = (step * (x.values[j] as number)) / scale;
        for (let k = 0; k < classes; k++) v[row + k] = (v[row + k] as number) - g * (p[k] as number);
      }
      for (let k = 0; k < classes; k++) biases[k] = (biases[k] as number) - step * (p[k] as number);
      if (scale < 1e-6) scale = rescale(v, scale);
    }
  }
  rescale(v, scale);
  return { classes, weights: Float32Array.from(v), biases: Float32Array.from(biases) };
}

/** Class probabilities of one input. */
export function probabilities(model: LinearModel, x: SparseVector): Float64Array {
  const p = new Float64Array(model.classes);
  scores(model.weights, 1, model.biases, x, p);
  return softmaxInPlace(p);
}

function scores(v: Float32Array | Float64Array, scale: number, biases: Float32Array | Float64Array, x: SparseVector, out: Float64Array): void {
  const classes = out.length;
  out.fill(0);
  for (let j = 0; j < x.indexes.length; j++) {
    const row = (x.indexes[j] as number) * classes;
    const value = x.values[j] as number;
    for (let k = 0; k < classes; k++) out[k] = (out[k] as number) + value * (v[row + k] as number);
  }
  for (let k = 0; k < classes; k++) out[k] = (out[k] as number) * scale + (biases[k] as number);
}

function softmaxInPlace(z: Float64Array): Float64Array {
  const max = Math.max(...z);
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += z[k] = Math.exp((z[k] as number) - max);
  for (let k = 0; k < z.length; k++) z[k] = (z[k] as number) / sum;
  return z;
}

function rescale(v: Float64Array, scale: number): number {
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * scale;
  return 1;
}

/** A small, well-known 32-bit PRNG: the same seed gives the same sequence on every platform. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as number, items[i] as number];
  }
}
