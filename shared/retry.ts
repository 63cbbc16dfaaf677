// A random pause before trying a write again after losing a race (another webhook for the same caller or
// case wrote first). The ceiling doubles each round (40, 80, … 640 ms), so a burst of dozens of texts
// from one phone spreads out instead of colliding again.
export function jitter(attempt: number): Promise<void> {
  const ceiling = Math.min(640, 20 * 2 ** attempt);
  return new Promise((done) => setTimeout(done, Math.random() * ceiling));
}
