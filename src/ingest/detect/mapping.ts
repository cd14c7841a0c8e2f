import { SCHEMA, type CanonicalColumn, type CanonicalTable, type ColumnKind } from '../schema';
import type { ColumnProfile } from '../values/profile';
import { bestSynonymMatch, bestSynonymScore } from './headers';
import { findPresetHeader, matchPreset, type CrmPreset } from './presets';

/** Where one source column goes: a canonical column (target) or, with target null, an extra. */
export interface ColumnMapping {
  source: string;
  /** Canonical column name, or null = extra column kept as a customer attribute/dimension. */
  target: string | null;
  kind: ColumnKind;
  confidence: number;
  reason: 'preset' | 'header' | 'content' | 'user' | 'extra';
}

/** Header/content pairs below this score are not mapped. */
const MIN_PAIR_SCORE = 0.3;

/**
 * Names that identify a customer when a file has no id column (orders by '客户名称', HubSpot
 * deals by 'Associated Company'). Used for customer_id outside the customers table, at 0.7 of
 * a synonym's score; in the customers table the name column takes the id role instead.
 */
const NAME_AS_ID = ['customer name', 'account name', 'company name', 'client name', 'company', 'associated company',
  '客户名称', '公司名称', '客户全称', '客户简称', '买家会员名', '买家', '会员名', '用户名', '购货单位'];

/** How well a column's content fits a kind, 0..1 (unknown content, all blank: 0.8). */
export function contentFit(p: ColumnProfile | undefined, kind: ColumnKind): number {
  if (!p || p.nonBlankCount === 0) return 0.8;
  switch (kind) {
    case 'date':
    case 'timestamp':
      return p.dateShare >= 0.8 ? 1 : p.dateShare >= 0.5 ? 0.7 : 0.15;
    case 'number':
      return p.numberShare >= 0.9 ? 1 : p.numberShare >= 0.6 ? 0.6 : 0.15;
    case 'id':
      if (p.looksLikeId) return 1;
      if (p.dateShare >= 0.8) return 0.2;
      if (p.numberShare >= 0.9 && p.integerShare < 0.5) return 0.3;
      return p.distinctCount / p.nonBlankCount >= 0.3 ? 0.7 : 0.5;
    case 'text':
      return p.dateShare >= 0.9 ? 0.5 : 1;
    case 'boolean':
      return p.booleanShare >= 0.9 ? 1 : 0.3;
  }
}

function uniqueShare(p: ColumnProfile): number {
  return p.nonBlankCount === 0 ? 0 : p.distinctCount / p.nonBlankCount;
}

function isDateColumn(p: ColumnProfile): boolean {
  return p.dateShare >= 0.9;
}

function isMoneyColumn(p: ColumnProfile): boolean {
  return p.inferred === 'number' && !p.looksLikeId && p.integerShare < 0.8;
}

function isSmallIntColumn(p: ColumnProfile, min: number, max: number): boolean {
  return p.inferred === 'number' && !p.looksLikeId && p.integerShare >= 0.95 && (p.min ?? -Infinity) >= min && (p.max ?? Infinity) <= max;
}

/**
 * Content-only evidence that column `p` (at position `index`) is canonical column `col` of
 * `table`, 0..0.5: lower than header evidence, enough for headerless files (CDNOW_sample).
 */
export function contentScore(table: CanonicalTable, col: CanonicalColumn, p: ColumnProfile | undefined, index: number): number {
  if (!p || p.nonBlankCount === 0) return 0;
  const firstWins = 0.01 * Math.min(index, 9); // among equals, the leftmost column
  if (col.name === 'customer_id') {
    if (!p.looksLikeId) return 0;
    const unique = uniqueShare(p) >= 0.98;
    // Of two id columns for the same customers (CDNOW's original and renumbered id), the
    // denser one (distinct values / largest value, near 1 for 1..n) is the customer key.
    const density = p.integerShare >= 0.95 && (p.max ?? 0) > 0 ? Math.min(1, p.distinctCount / (p.max as number)) : 0.5;
    const roleFit = table === 'customers' ? (unique ? 0.1 : 0) : unique ? 0 : 0.1;
    return 0.3 + 0.1 * density + roleFit - firstWins / 10;
  }
  if (col.kind === 'id') return p.looksLikeId && uniqueShare(p) >= 0.95 ? 0.4 - firstWins / 10 : 0;
  if (col.kind === 'date' || col.kind === 'timestamp') {
    if (!isDateColumn(p)) return 0;
    if (col.required) return 0.45 - firstWins;
    // Two dates per row in a subscriptions file: the left one starts it (required, above), the
    // other ends it, whatever its header says (issue 13: 'subscription_end' was dropped).
    // Only a tie-break by position: an end date in the seventh column still clears MIN_PAIR_SCORE.
    if (table === 'subscriptions' && col.name === 'end_date') return 0.35 - firstWins / 10;
    return col.name === 'signup_date' ? 0.35 - firstWins : 0;
  }
  switch (`${table}.${col.name}`) {
    case 'orders.amount':
      return isMoneyColumn(p) ? 0.4 - firstWins / 10 : 0;
    case 'orders.quantity':
      // A column of zeros (WooCommerce's discount_total) counts nothing.
      return isSmallIntColumn(p, -10000, 10000) && (p.max ?? 0) > 0 ? 0.35 : 0;
    case 'nps.score':
      // Scores use the 0-10 scale; a code column (sex 0/1/2, a level 1-5) never reaches 6, and is
      // a score only when its header says so (issue 13: JData's sex code was read as the score).
      return isSmallIntColumn(p, 0, 10) && p.distinctCount >= 3 && (p.max ?? 0) > 5 ? 0.45 : 0;
    case 'tickets.satisfaction':
      return isSmallIntColumn(p, 1, 5) ? 0.3 : 0;
    case 'activity.count':
      return isSmallIntColumn(p, 0, Infinity) ? 0.3 : 0;
    case 'subscriptions.mrr':
    case 'interventions.cost':
      return isMoneyColumn(p) ? 0.3 : 0;
    case 'customers.status':
      return p.churnLabelShare >= 0.5 ? 0.45 : 0;
    default:
      return 0;
  }
}

/** Kind of an extra column: a measure when its values are numbers, otherwise a dimension. */
function extraKind(p: ColumnProfile | undefined): ColumnKind {
  return p?.inferred === 'number' ? 'number' : 'text';
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * The best mapping of the file's columns onto `table`: the preset's choices first (when a
 * preset of this table matches), then header/content pairs greedily by score, so each
 * canonical column and each source column is used at most once and generic headers ('date',
 * 'status', 'amount') land on the table's own column. Unmapped columns are extras.
 */
export function mappingForTable(
  table: CanonicalTable,
  headers: string[],
  profiles: ColumnProfile[],
  preset: CrmPreset | null = matchPreset(headers)?.preset ?? null,
): ColumnMapping[] {
  const columns = SCHEMA[table].filter((c) => c.synonyms.length > 0); // derived columns are never mapped
  const assigned = new Map<number, { col: CanonicalColumn; confidence: number; reason: ColumnMapping['reason'] }>();
  const usedSources = new Set<number>();
  const usedTargets = new Set<string>();
  const assign = (i: number, col: CanonicalColumn, confidence: number, reason: ColumnMapping['reason']) => {
    assigned.set(i, { col, confidence: round2(confidence), reason });
    usedSources.add(i);
    usedTargets.add(col.name);
  };

  if (preset && preset.table === table) {
    for (const [name, candidates] of Object.entries(preset.columns)) {
      const col = columns.find((c) => c.name === name);
      const i = col ? findPresetHeader(headers, candidates, usedSources) : -1;
      if (col && i >= 0) assign(i, col, contentFit(profiles[i], col.kind) >= 0.5 ? 1 : 0.6, 'preset');
    }
  }

  // rank: position of the matched synonym; on equal scores 'Order Date' (an early, specific
  // synonym) beats 'Date' (a late, generic one) whatever their column order.
  const pairs: { i: number; col: CanonicalColumn; score: number; rank: number; reason: 'header' | 'content'; order: number }[] = [];
  headers.forEach((h, i) => {
    if (usedSources.has(i)) return;
    columns.forEach((col, order) => {
      if (usedTargets.has(col.name)) return;
      const match = bestSynonymMatch(h, [col.name, ...col.synonyms]);
      let header = match.score;
      if (col.name === 'customer_id' && table !== 'customers') header = Math.max(header, 0.7 * bestSynonymScore(h, NAME_AS_ID));
      const byHeader = header * contentFit(profiles[i], col.kind);
      const byContent = contentScore(table, col, profiles[i], i);
      const score = Math.max(byHeader, byContent);
      const reason = byHeader >= byContent ? 'header' : 'content';
      if (score >= MIN_PAIR_SCORE) pairs.push({ i, col, score, rank: reason === 'header' ? match.index : 999, reason, order });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.rank - b.rank || a.i - b.i || a.order - b.order);
  for (const p of pairs) {
    if (!usedSources.has(p.i) && !usedTargets.has(p.col.name)) assign(p.i, p.col, p.score, p.reason);
  }

  // A customer list without an id column: its names are the ids.
  if (table === 'customers' && !usedTargets.has('customer_id')) {
    const nameEntry = [...assigned.entries()].find(([, a]) => a.col.name === 'name');
    const idCol = columns.find((c) => c.name === 'customer_id');
    if (nameEntry && idCol) assign(nameEntry[0], idCol, nameEntry[1].confidence * 0.8, nameEntry[1].reason);
  }

  return headers.map((source, i) => {
    const a = assigned.get(i);
    if (a) return { source, target: a.col.name, kind: a.col.kind, confidence: a.confidence, reason: a.reason };
    return { source, target: null, kind: extraKind(profiles[i]), confidence: 1, reason: 'extra' };
  });
}
