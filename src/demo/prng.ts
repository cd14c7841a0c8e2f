import { detExp, detLog } from './detMath';

/**
 * A seeded pseudo-random generator (sfc32, 32-bit integer arithmetic only) with the samplers
 * the demo needs. Every customer reseeds it from (seed, customer index, stream), so a customer's
 * rows do not depend on chunk size or on how many customers came before it, and one table's
 * generator can change without shifting the others.
 */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed = 0, index = 0, stream = 0) {
    this.reseed(seed, index, stream);
  }

  /** Restarts the sequence for (seed, index, stream); reusing one instance avoids garbage. */
  reseed(seed: number, index: number, stream: number): this {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32(this.a ^ index);
    this.c = mix32(this.b ^ Math.imul(stream + 1, 0x85ebca6b));
    this.d = 1;
    // Warm-up: sfc32's first outputs are correlated with the raw seed words.
    for (let i = 0; i < 12; i++) this.nextU32();
    return this;
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in the open interval (0, 1): never 0, so log() is always finite. */
  float(): number {
    return (this.nextU32() + 0.5) / 4294967296;
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Index drawn from cumulative weights (last entry = total). */
  weighted(cum: Float64Array): number {
    const u = this.float() * cum[cum.length - 1];
    let i = 0;
    while (i < cum.length - 1 && u >= cum[i]) i++;
    return i;
  }

  /** Standard normal (Marsaglia polar method: only sqrt and log, both deterministic here). */
  normal(): number {
    for (;;) {
      const u = 2 * this.float() - 1;
      const v = 2 * this.float() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * detLog(s)) / s);
    }
  }

  /** Log-normal with the given log-mean and log-sd. */
  lognormal(mu: number, sigma: number): number {
    return detExp(mu + sigma * this.normal());
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -detLog(this.float()) / rate;
  }

  /** Gamma with integer shape k and mean 1 (sum of k exponentials): customer heterogeneity. */
  gammaMeanOne(k: number): number {
    let p = 1;
    for (let i = 0; i < k; i++) p *= this.float();
    return -detLog(p) / k;
  }

  /** Poisson count (Knuth for small means, rounded normal above 30). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = detExp(-lambda);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }
}

/** murmur3's 32-bit finaliser: spreads seed bits so nearby seeds give unrelated streams. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Cumulative weights for Rng.weighted, built once per category list. */
export function cumulative(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => {
    s += w;
    cum[i] = s;
  });
  return cum;
}
