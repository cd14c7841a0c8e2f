import type { ColumnMapping } from './mapping';
import type { ColumnProfile } from '../values/profile';

/**
 * True when the column mapped to customers.status is a churn label or a yes/no flag. It is what
 * makes a file a customer snapshot: it adds to the customers score, and lets a snapshot without
 * an id column load with generated ids (without a label nothing says a row is a customer).
 */
export function hasChurnLabel(mapping: readonly ColumnMapping[], profiles: readonly ColumnProfile[]): boolean {
  const status = mapping.findIndex((m) => m.target === 'status');
  const p = status >= 0 ? profiles[status] : undefined;
  return p !== undefined && (p.churnLabelShare >= 0.5 || p.booleanShare >= 0.9);
}
