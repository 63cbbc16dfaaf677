// The hotline's notion of "now". Domain code takes a Clock; only the local runtime and tests install
// a simulated one, so the deployed handlers always run on real time.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

let installed: Clock = systemClock;

/** The clock handlers use: real time in AWS, the simulated time set through `/_local/clock` locally. */
export const hotlineClock: Clock = { now: () => installed.now() };

export function installClock(clock: Clock): void {
  installed = clock;
}

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}
