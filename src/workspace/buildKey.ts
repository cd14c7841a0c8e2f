import type { AnalyticsSettings } from '../analytics/settings';
import { CODE_VERSION } from './storedScreen';

/** A stable JSON text of a value: object keys sorted, so equal settings give equal text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * What a screen build was computed from: the analytics code, the workspace's rows (their
 * generation) and every setting. Equal keys mean equal figures, so a reopen whose stored
 * tables carry the current key skips the rebuild, and a stored screen with another key is
 * redrawn.
 */
export function buildKey(generation: number, settings: AnalyticsSettings, codeVersion: string = CODE_VERSION): string {
  return `${codeVersion}|g${generation}|${stableJson(settings)}`;
}
