import type { BgNbdData } from './bgnbd';

/** Customer counts of (x, t_x, T) histories and the same histories in fitting time units. */
export interface ScaledHistories {
  customers: number;
  repeatCustomers: number;
  /** Fitting time unit per input unit: the oldest customer has T = 10. */
  scale: number;
  scaled: BgNbdData;
}

/**
 * Counts customers and repeat customers (weighted), and rescales t_x and T so the oldest customer
 * has T = 10 (as lifetimes does): a rate parameter (alpha, beta) then starts near one whatever the
 * unit. Null when nobody bought twice or no time has passed, where no purchase rate is identified.
 */
export function scaleHistories(d: BgNbdData): ScaledHistories | null {
  let maxT = 0;
  let customers = 0;
  let repeat = 0;
  for (let i = 0; i < d.x.length; i++) {
    const w = d.weights ? d.weights[i] : 1;
    customers += w;
    if (d.x[i] > 0) repeat += w;
    if (d.T[i] > maxT) maxT = d.T[i];
  }
  if (repeat === 0 || !(maxT > 0)) return null;
  const scale = 10 / maxT;
  const scaled: BgNbdData = { x: d.x, tx: d.tx.map((v) => v * scale), T: d.T.map((v) => v * scale), weights: d.weights };
  return { customers, repeatCustomers: repeat, scale, scaled };
}
