// A seeded pseudo-random source (mulberry32) for the harnesses beside the suite (test/differential,
// test/differential-rules): the same seed makes the same data set on every machine. It draws choices only,
// never money: amounts and quantities are built from the integers it gives.
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[int(0, xs.length - 1)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}
