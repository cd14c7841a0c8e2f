const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * An axis maximum with room above the tallest value (for its label), rounded up to a round
 * number so the top gridline gets a tick label: 0.3021 * 1.25 -> 0.4.
 */
export function headroomMax(max: number, factor: number): number {
  const target = max * factor;
  if (!(target > 0) || !Number.isFinite(target)) return 1;
  const step = 10 ** Math.floor(Math.log10(target));
  const m = NICE.find((n) => n * step >= target - 1e-12) ?? 10;
  return Number((m * step).toPrecision(12));
}
