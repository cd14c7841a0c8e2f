/** The scale ladder of issue 6: demo companies at three sizes (tickets, NPS, activity in proportion). */
export interface ScaleSize {
  name: 'S' | 'M' | 'L';
  customers: number;
  ordersPerCustomer: number;
}

export const SIZES: Record<ScaleSize['name'], ScaleSize> = {
  S: { name: 'S', customers: 20_000, ordersPerCustomer: 20 },
  M: { name: 'M', customers: 100_000, ordersPerCustomer: 20 },
  L: { name: 'L', customers: 1_000_000, ordersPerCustomer: 10 },
};

/** `--sizes=S,M` (default all three; `--sizes=` none: only the demo-open rows). */
export function sizesFromArgs(argv: string[]): ScaleSize[] {
  const flag = argv.find((a) => a.startsWith('--sizes='));
  const names = flag ? flag.slice('--sizes='.length).split(',').filter(Boolean) : ['S', 'M', 'L'];
  return names.map((n) => {
    const s = SIZES[n as ScaleSize['name']];
    if (!s) throw new Error(`Unknown size ${n}; use S, M or L`);
    return s;
  });
}
