/**
 * JSON that keeps what plain JSON loses in analytics results: NaN, Infinity and -Infinity (plain
 * JSON writes them as null, which would turn "not computable" into "missing"). A stored result
 * then comes back exactly as computed.
 */
const NON_FINITE = '$nonFinite';

/** Serialises a result. */
export function stringifyResult(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { [NON_FINITE]: String(v) } : v));
}

/** Reads a result back. */
export function parseResult<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && NON_FINITE in v && Object.keys(v).length === 1) return Number((v as Record<string, string>)[NON_FINITE]);
    return v;
  }) as T;
}
