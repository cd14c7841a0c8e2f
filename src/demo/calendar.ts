import { ACTIVITY_DAYS, DEMO_AS_OF, DEMO_START } from './config';

/**
 * Dates as integer day numbers (days since 1970-01-01, UTC), which is also Arrow's DateDay
 * encoding. Calendar lookups over the demo's span are precomputed so hot loops never build
 * Date objects.
 */

const MS_PER_DAY = 86_400_000;

/** Day number of an ISO `YYYY-MM-DD` date. */
export function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** ISO `YYYY-MM-DD` of a day number. */
export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day number of the first day of year y, month m (1-12); months may overflow. */
export function monthStart(y: number, m: number): number {
  const k = y * 12 + m - 1 - MONTH_TABLE_FROM;
  // Hot loops (lifetimes walk month by month) read a table; other months are computed.
  return k >= 0 && k < MONTH_STARTS.length ? MONTH_STARTS[k] : Date.UTC(y, m - 1, 1) / MS_PER_DAY;
}

// Month starts from 2000 to 2099.
const MONTH_TABLE_FROM = 2000 * 12;
const MONTH_STARTS = new Int32Array(100 * 12);
for (let k = 0; k < MONTH_STARTS.length; k++) MONTH_STARTS[k] = Date.UTC(2000, k, 1) / MS_PER_DAY;

/** Day number of (y, m, d), clamping d to the month's length (an anniversary of 29 Feb is 28 Feb). */
export function clampedDay(y: number, m: number, d: number): number {
  const len = monthStart(y, m + 1) - monthStart(y, m);
  return monthStart(y, m) + Math.min(d, len) - 1;
}

/** First demo day. */
export const START_DAY = dayOf(DEMO_START);
/** Last demo day (the as-of date). */
export const AS_OF_DAY = dayOf(DEMO_AS_OF);
/** First day of the exported usage logs. */
export const ACTIVITY_START_DAY = AS_OF_DAY - ACTIVITY_DAYS + 1;

// Lookup tables from START_DAY to one year past the as-of date (renewal dates reach that far).
const SPAN = AS_OF_DAY + 400 - START_DAY;
const YEAR = new Int16Array(SPAN);
const MONTH = new Int8Array(SPAN);
const DATE = new Int8Array(SPAN);
for (let i = 0; i < SPAN; i++) {
  const dt = new Date((START_DAY + i) * MS_PER_DAY);
  YEAR[i] = dt.getUTCFullYear();
  MONTH[i] = dt.getUTCMonth() + 1;
  DATE[i] = dt.getUTCDate();
}

/** Calendar month (1-12) of a day inside the demo span. */
export function monthOfDay(day: number): number {
  return MONTH[day - START_DAY];
}

/** Calendar year of a day inside the demo span. */
export function yearOfDay(day: number): number {
  return YEAR[day - START_DAY];
}

/** Day of month of a day inside the demo span. */
export function dateOfDay(day: number): number {
  return DATE[day - START_DAY];
}

/** The first yearly anniversary of `day` strictly after `after` (contract renewal). */
export function nextAnniversary(day: number, after: number): number {
  const m = monthOfDay(day);
  const d = dateOfDay(day);
  let y = yearOfDay(day) + 1;
  let a = clampedDay(y, m, d);
  while (a <= after) a = clampedDay(++y, m, d);
  return a;
}

/** Milliseconds since the epoch of a day number plus a time of day in minutes. */
export function epochMs(day: number, minutes = 0): number {
  return day * MS_PER_DAY + minutes * 60_000;
}
