import type { CustomerRow } from '../analytics/screen/types';
import type { CellValue } from './csv';

/** The columns a retention team needs, in export order (header key -> value). */
export const EXPORT_COLUMNS: { key: string; value: (r: CustomerRow) => CellValue }[] = [
  { key: 'id', value: (r) => r.customer_id },
  { key: 'name', value: (r) => r.name },
  { key: 'tier', value: (r) => r.risk_tier },
  { key: 'status', value: (r) => r.status },
  { key: 'score', value: (r) => (r.score === null ? null : Math.round(r.score)) },
  { key: 'reasons', value: (r) => r.reasons.join('; ') },
  { key: 'owner', value: (r) => r.owner },
  { key: 'last', value: (r) => r.last_purchase },
  { key: 'value', value: (r) => r.value },
  { key: 'action', value: (r) => r.recommended_action },
];
