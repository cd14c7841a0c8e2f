import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { lit } from '../../engine/sql';
import { TRIGGERS_TABLE, type TriggerKind } from '../triggers/kinds';
import { formatTrigger } from '../triggers/triggerText';
import type { CustomerFilter, TriggerRow } from './types';
import type { ScreenContext } from './prepareScreen';
import { textLang, type ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { inFilterSql } from './scoped';

/** Triggers the ticker lists at most. */
export const TRIGGER_LIST_LIMIT = 50;

/**
 * The key-moment ticker (metrics.md section 7) for the filtered customers: the 50 triggers due
 * most recently first, each with its reason in `lang`. isNew is false here; the store flags new
 * ones across refreshes (flagNewTriggers). Null when the data supports no trigger kind.
 */
export async function loadTriggers(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, lang: ScreenLang): Promise<TriggerRow[] | null> {
  if (!ctx.presence.triggers) return null;
  const rows = toRows<{ kind: TriggerKind; customer_id: string; name: string | null; due_date: string; reason_params: string }>(await qm.query(
    `SELECT kind, customer_id, name, due_date, reason_params FROM ${TRIGGERS_TABLE}
     WHERE ${inFilterSql('customer_id', customerFilterSql(filter))}
     ORDER BY due_date DESC, kind, customer_id LIMIT ${lit(TRIGGER_LIST_LIMIT)}`));
  return rows.map((r) => ({
    kind: r.kind,
    customer_id: r.customer_id,
    name: r.name,
    due_date: r.due_date,
    reason: formatTrigger({ kind: r.kind, due_date: r.due_date, reason: { code: r.kind, params: JSON.parse(r.reason_params) } }, textLang(lang)),
    isNew: false,
  }));
}
