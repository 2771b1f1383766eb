/** Where "now" and the time zone come from. Services and state classes receive one; tests pass a fixed clock. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Minutes, as Date.prototype.getTimezoneOffset gives them for that moment (UTC minus local). */
  tzOffset(at: number): number;
}
