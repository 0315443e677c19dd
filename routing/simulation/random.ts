/** A seeded random source (mulberry32), so that a simulation run is reproducible. */
export interface Random {
  /** Uniform in [0, 1). */
  next(this: void): number;
  exponential(this: void, mean: number): number;
  /** Log-normal with this mean and coefficient of variation (σ/μ). */
  logNormal(this: void, mean: number, cv: number): number;
  /** Index chosen with probability proportional to its weight. */
  weighted(this: void, weights: readonly number[]): number;
}

export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    exponential: (mean) => -mean * Math.log(1 - next()),
    logNormal(mean, cv) {
      const s2 = Math.log(1 + cv * cv);
      return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normal());
    },
    weighted(weights) {
      const total = weights.reduce((x, y) => x + y, 0);
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
  };
}
