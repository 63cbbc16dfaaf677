// A short random pause before trying a write again after losing a race (another webhook for the same
// caller or case wrote first): a burst of a few resolves within a few tries.
export function jitter(attempt: number): Promise<void> {
  return new Promise((done) => setTimeout(done, Math.random() * 25 * attempt));
}
