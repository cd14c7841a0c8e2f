import { writeFileSync } from 'node:fs';
import type { QueryManager } from '../engine/queryManager';
import { toRows } from '../engine/rows';
import { FACTS_TABLE } from '../analytics/facts/customerFacts';
import { STATUS_TABLE } from '../analytics/status/statusSql';
import { RFM_TABLE } from '../analytics/rfm/rfmSql';
import { loadCustomerPage } from '../analytics/screen/customerRows';
import { customerSortSql } from '../analytics/screen/customerList';
import { SCREEN_CUSTOMERS_TABLE } from '../analytics/screen/screenTables';
import { paretoNbdPAlive, type ParetoNbdParams } from '../analytics/models/paretoNbd';
import { bgnbdPAlive, type BgNbdParams } from '../analytics/models/bgnbd';
import { EXPORT_COLUMNS } from '../export/customerColumns';
import { toCsv, type CellValue } from '../export/csv';
import type { Locale } from '../i18n/index';
import en from '../i18n/messages/en';
import zh from '../i18n/messages/zh-CN';

/** Customers read per page: the list's own paged query, never the whole table in one result. */
const PAGE = 50_000;

interface Extras { customer_id: string; bg_x: number | null; bg_tx: number | null; bg_T: number | null; segment: string | null }

/**
 * `--customers FILE.csv`: one row per customer with the columns of the app's list export
 * (src/export/customerColumns.ts, the same formula-safe CSV) followed by the value tier, the RFM
 * segment and P(alive) under BG/NBD and Pareto/NBD (from the report's fits and the customer's
 * x, t_x, T: the status table's p_alive is the model of model mode, which may be either).
 * Headers in `lang`. Returns the rows written.
 */
export async function writeCustomersCsv(
  qm: QueryManager, file: string, lang: Locale, models: { bgnbd: BgNbdParams | null; paretoNbd: ParetoNbdParams | null },
): Promise<number> {
  const t = (lang === 'zh-CN' ? zh : en).list as Record<string, string>;
  const header = [...EXPORT_COLUMNS.map((c) => t[c.key]), t.valueTier, t.rfmSegment, t.pAliveBgnbd, t.pAliveParetoNbd];
  const orderBy = customerSortSql('customer_id', false);
  const rows: CellValue[][] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await loadCustomerPage(qm, { where: 'TRUE', orderBy, limit: PAGE, offset }, lang);
    if (page.length === 0) break;
    const extras = new Map(toRows<Extras>(await qm.query(
      `SELECT s.customer_id, f.bg_x, f.bg_tx, f.bg_T, r.segment
       FROM ${STATUS_TABLE} s JOIN ${FACTS_TABLE} f USING (customer_id) LEFT JOIN ${RFM_TABLE} r USING (customer_id)
       WHERE s.customer_id IN (SELECT c.customer_id FROM ${SCREEN_CUSTOMERS_TABLE} c ORDER BY ${orderBy('c')} LIMIT ${PAGE} OFFSET ${offset})`,
      { cache: false })).map((e) => [e.customer_id, e]));
    for (const r of page) {
      const e = extras.get(r.customer_id);
      const h = e && e.bg_T !== null && e.bg_x !== null && e.bg_tx !== null ? [Number(e.bg_x), Number(e.bg_tx), Number(e.bg_T)] as const : null;
      const bg = models.bgnbd && h ? bgnbdPAlive(models.bgnbd, ...h) : null;
      const pareto = models.paretoNbd && h ? paretoNbdPAlive(models.paretoNbd, ...h) : null;
      rows.push([...EXPORT_COLUMNS.map((c) => c.value(r)), r.value_tier, e?.segment ?? null, bg, pareto]);
    }
    if (page.length < PAGE) break;
  }
  writeFileSync(file, toCsv(header, rows));
  return rows.length;
}
