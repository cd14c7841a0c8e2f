import { mappingForTable, type ColumnMapping, type DetectionResult } from './detect/detectTable';
import { SCHEMA } from './schema';
import type { MappingOverride } from './types';
import type { ColumnProfile } from './values/profile';

/**
 * Applies the user's choices on top of detection: a forced table re-derives the mapping for
 * it; column choices then win over guesses (a target taken by the user is freed elsewhere).
 */
export function applyOverride(
  detected: DetectionResult,
  override: MappingOverride | undefined,
  headers: string[],
  profiles: ColumnProfile[],
): DetectionResult {
  if (!override) return detected;
  const table = override.table ?? detected.table;
  if (!table) return detected;
  let mapping: ColumnMapping[] = override.table && override.table !== detected.table ? mappingForTable(table, headers, profiles) : detected.mapping;
  if (override.columns) {
    const kinds = new Map(SCHEMA[table].map((c) => [c.name, c.kind]));
    // Own keys only: a source header named 'constructor' or 'toString' must not find Object.prototype's.
    const chosen = new Map(Object.entries(override.columns));
    mapping = mapping.map((m) => {
      if (chosen.has(m.source)) {
        const target = chosen.get(m.source) ?? null;
        return { ...m, target, kind: target ? (kinds.get(target) ?? m.kind) : m.kind, confidence: 1, reason: 'user' as const };
      }
      const takenByUser = [...chosen].some(([src, t]) => t && t === m.target && src !== m.source);
      return takenByUser ? { ...m, target: null, reason: 'extra' as const } : m;
    });
  }
  return { ...detected, table, mapping, confidence: 1, reason: 'chosen by the user' };
}
