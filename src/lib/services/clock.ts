import type { Clock } from '$lib/srs/clock';

export type { Clock };

/** The device's clock and time zone: the one place the app reads them. */
export const systemClock: Clock = {
  now: () => Date.now(),
  tzOffset: (at) => new Date(at).getTimezoneOffset()
};
