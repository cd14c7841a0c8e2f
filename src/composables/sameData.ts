import { toRaw } from 'vue';

/**
 * Whether two panel results are the same data: equal primitives (NaN equals NaN), arrays of the
 * same length with the same items, plain objects with the same keys and values, read through
 * Vue's proxies; any other object (a Date, a Map) only when it is the same object. A drill that
 * leaves a panel's figures as they were (the risk list's top rows under a red-tier drill) then
 * hands the panel nothing new to build or draw.
 */
export function sameData(a: unknown, b: unknown): boolean {
  a = toRaw(a);
  b = toRaw(b);
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameData(item, b[i]));
  }
  if (!isPlain(a) || !isPlain(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameData(a[k], b[k]));
}

function isPlain(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
