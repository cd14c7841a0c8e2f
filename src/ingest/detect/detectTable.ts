import { CANONICAL_TABLES, SCHEMA, type CanonicalTable } from '../schema';
import type { ColumnProfile } from '../values/profile';
import { contentScore, mappingForTable, type ColumnMapping } from './mapping';
import { matchPreset } from './presets';
import { hasChurnLabel } from './churnLabel';

export { mappingForTable, type ColumnMapping } from './mapping';
export { headerSignature, normaliseHeader } from './headers';
export { CRM_PRESETS, matchPreset, type CrmPreset } from './presets';

/** Which canonical table a file is, how sure we are, and how its columns map. */
export interface DetectionResult {
  table: CanonicalTable | null;
  confidence: number;
  preset: string | null;
  mapping: ColumnMapping[];
  alternatives: { table: CanonicalTable; confidence: number }[];
  reason: string;
  /** The runner-up reading in full (its mapping and evidence): what the app offers beside the best one. */
  second: SecondReading | null;
  /** How well the chosen table fits on its own (score / full score, capped at 1), on the scale of `second.confidence`. */
  fit: number;
}

/** The second-best table for a file: how sure, how its columns would map, and why. */
export interface SecondReading {
  table: CanonicalTable;
  confidence: number;
  mapping: ColumnMapping[];
  reason: string;
}

/** Under this score no table is claimed (the user picks one). */
const MIN_TABLE_SCORE = 2.5;
/** A score this high is full strength (a typical well-labelled export scores 8-14). */
const FULL_SCORE = 9;
/** Each required column the table cannot fill multiplies its score by this. */
const MISSING_REQUIRED = 0.35;

/** Words in file or sheet names that hint at a table. */
const NAME_HINTS: Record<CanonicalTable, RegExp> = {
  customers: /customer|client|account|compan|contact|member|user|客户|会员|用户|客戶/i,
  orders: /order|invoice|sales|transaction|purchase|deal|opportunit|retail|订单|销售|交易|发票|出库|成交/i,
  subscriptions: /subscri|contract|renewal|plan|订阅|合同|续费|续约/i,
  activity: /activit|behavio|login|usage|event|visit|session|登录|活跃|访问|行为|使用/i,
  tickets: /ticket|case|support|complain|工单|投诉|客服|售后/i,
  nps: /nps|survey|feedback|满意度|调研|问卷|评价/i,
  interventions: /interven|retention|campaign|挽回|回访|关怀|干预/i,
};

/** Weight of a mapped column in a table's score: required columns and a few telling ones count more. */
function weight(table: CanonicalTable, name: string): number {
  const col = SCHEMA[table].find((c) => c.name === name);
  if (col?.required) return 3;
  if ((table === 'customers' && name === 'status') || (table === 'orders' && name === 'amount')) return 2;
  if (col?.kind === 'id') return 1.5;
  return 1;
}

interface TableScore {
  table: CanonicalTable;
  score: number;
  mapping: ColumnMapping[];
  notes: string[];
}

function scoreTable(
  table: CanonicalTable,
  headers: string[],
  profiles: ColumnProfile[],
  fileName: string | undefined,
  preset: ReturnType<typeof matchPreset>,
): TableScore {
  const mapping = mappingForTable(table, headers, profiles, preset?.preset ?? null);
  const notes: string[] = [];
  let score = 0;
  const mapped = mapping.filter((m) => m.target);
  for (const m of mapped) score += weight(table, m.target as string) * m.confidence;
  if (mapped.length > 0) {
    const byHeader = mapped.filter((m) => m.reason !== 'content').map((m) => m.target);
    const byContent = mapped.filter((m) => m.reason === 'content').map((m) => m.target);
    if (byHeader.length) notes.push(`headers give ${byHeader.join(', ')}`);
    if (byContent.length) notes.push(`content suggests ${byContent.join(', ')}`);
  }
  for (const col of SCHEMA[table]) {
    if (col.required && !mapped.some((m) => m.target === col.name)) {
      // A labelled customer snapshot stands without ids: each row is a customer (generatedIds.ts).
      if (table === 'customers' && col.name === 'customer_id' && hasChurnLabel(mapping, profiles)) {
        notes.push('no customer_id: one customer per row');
        continue;
      }
      score *= MISSING_REQUIRED;
      notes.push(`no ${col.name}`);
    }
  }

  const bonus = contentBonus(table, mapping, headers, profiles);
  score += bonus.points;
  notes.push(...bonus.notes);
  if (fileName && NAME_HINTS[table].test(fileName.replace(/\.[a-z0-9]+$/i, ''))) {
    score += 1.5;
    notes.push(`the name "${fileName}" suggests ${table}`);
  }
  if (preset && preset.preset.table === table) {
    score += 4 * preset.score;
    notes.push(`headers match the ${preset.preset.label} export`);
  }
  return { table, score, mapping, notes };
}

/** Table-level content evidence: the shape of the whole file, beyond single columns. */
function contentBonus(table: CanonicalTable, mapping: ColumnMapping[], headers: string[], profiles: ColumnProfile[]): { points: number; notes: string[] } {
  const dates = profiles.filter((p) => p.dateShare >= 0.9);
  const money = profiles.filter((p) => p.inferred === 'number' && !p.looksLikeId && p.integerShare < 0.8);
  const ids = profiles.filter((p) => p.looksLikeId);
  const idIndex = mapping.findIndex((m) => m.target === 'customer_id');
  const idProfile = idIndex >= 0 ? profiles[idIndex] : undefined;
  const idUnique = idProfile && idProfile.nonBlankCount > 0 ? idProfile.distinctCount / idProfile.nonBlankCount : null;
  switch (table) {
    case 'customers': {
      let points = 0;
      const notes: string[] = [];
      if (idUnique !== null && idUnique >= 0.98 && (idProfile?.nonBlankCount ?? 0) >= 2) {
        points += 2;
        notes.push('one row per customer id');
      } else if (idUnique !== null && idUnique < 0.8) {
        points -= 3;
        notes.push('customer ids repeat');
      }
      if (hasChurnLabel(mapping, profiles)) {
        points += 1;
        notes.push('a churn/status label');
      }
      return { points, notes };
    }
    case 'orders':
      return dates.length && money.length && ids.length ? { points: 3, notes: ['date, money and id columns'] } : { points: 0, notes: [] };
    case 'nps': {
      const scoreCol = SCHEMA.nps.find((c) => c.name === 'score') as (typeof SCHEMA.nps)[number];
      const has010 = profiles.some((p, i) => contentScore('nps', scoreCol, p, i) > 0);
      return has010 && dates.length && !money.length ? { points: 2, notes: ['a 0-10 score column'] } : { points: 0, notes: [] };
    }
    case 'activity':
      return ids.length && dates.length && !money.length ? { points: 1, notes: ['dated rows without money'] } : { points: 0, notes: [] };
    case 'tickets':
      return dates.filter((p) => p.hasTime).length >= 2 ? { points: 1, notes: ['several timestamps per row'] } : { points: 0, notes: [] };
    case 'subscriptions':
      return dates.filter((p) => !p.hasTime).length >= 2 ? { points: 1, notes: ['start/end-like dates'] } : { points: 0, notes: [] };
    default:
      return { points: 0, notes: [] };
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Decides which canonical table a file (or sheet) is: every table is scored by its best
 * mapping (weighted header/content evidence, x0.35 per required column it cannot fill), plus
 * table-level content evidence, the file/sheet name and a matching CRM preset. Confidence
 * grows with the winning score (full at 9) and with its margin over the runner-up
 * (1 - (second / best)^2). No table
 * (null) when nothing scores 2.5.
 */
export function detectTable(headers: string[], profiles: ColumnProfile[], fileName?: string): DetectionResult {
  const preset = matchPreset(headers);
  const scores = CANONICAL_TABLES.map((t) => scoreTable(t, headers, profiles, fileName, preset)).sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  const strength = Math.min(1, best.score / FULL_SCORE);
  const secondReading: SecondReading | null = second && second.score > 0
    ? { table: second.table, confidence: round2(Math.min(1, second.score / FULL_SCORE)), mapping: second.mapping, reason: `${second.table}: ${second.notes.join('; ')}` }
    : null;
  const alternatives = scores.slice(1).filter((s) => s.score > 0).map((s) => ({ table: s.table, confidence: round2(Math.min(1, s.score / FULL_SCORE)) }));
  if (best.score < MIN_TABLE_SCORE) {
    return {
      table: null,
      confidence: round2(strength),
      preset: null,
      mapping: headers.map((source, i) => ({ source, target: null, kind: profiles[i]?.inferred === 'number' ? 'number' : 'text', confidence: 1, reason: 'extra' })),
      alternatives: scores.filter((s) => s.score > 0).map((s) => ({ table: s.table, confidence: round2(Math.min(1, s.score / FULL_SCORE)) })),
      reason: `no table fits well (best: ${best.table}, ${best.notes.join('; ') || 'nothing recognised'})`,
      second: secondReading,
      fit: round2(strength),
    };
  }
  // 1 - (runner-up / best)^2: a runner-up at half the score still leaves 75% of the margin.
  const ratio = best.score > 0 ? (second?.score ?? 0) / best.score : 1;
  const margin = 1 - ratio * ratio;
  return {
    table: best.table,
    confidence: round2(strength * (0.5 + 0.5 * margin)),
    preset: preset && preset.preset.table === best.table ? preset.preset.id : null,
    mapping: best.mapping,
    alternatives,
    reason: `${best.table}: ${best.notes.join('; ')}`,
    second: secondReading,
    fit: round2(strength),
  };
}
