import { mappingForTable, type ColumnMapping, type DetectionResult } from './detect/detectTable';
import { SCHEMA } from './schema';
import type { MappingOverride } from './types';

/** The reason of a detection the user's override decided. */
export const CHOSEN = 'chosen by the user';

/** The key of IngestOptions.overrides that applies to every table of a file (the CLI's `--table FILE=...`). */
export const ALL_TABLES = '*';

/** The override for one sheet ('' for a single-table file): its own, else the file-wide one. Own keys only. */
export function overrideFor(overrides: Record<string, MappingOverride> | undefined, sheet: string | null): MappingOverride | undefined {
  if (!overrides) return undefined;
  if (Object.hasOwn(overrides, sheet ?? '')) return overrides[sheet ?? ''];
  return Object.hasOwn(overrides, ALL_TABLES) ? overrides[ALL_TABLES] : undefined;
}
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
  // A header row alone changes what was read, not how it is understood.
  if (!override || (override.table === undefined && override.columns === undefined)) return detected;
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
  return { ...detected, table, mapping, confidence: 1, reason: CHOSEN };
}
