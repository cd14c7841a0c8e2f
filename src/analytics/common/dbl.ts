import { lit } from '../../engine/sql';

/** A number as a DOUBLE SQL literal (a bare 6.2495 would be a DECIMAL and overflow in products). */
export function dbl(value: number): string {
  return `CAST(${lit(value)} AS DOUBLE)`;
}
