import { bgnbdExpectedPurchases, type BgNbdParams } from '../models/bgnbd';

/** Weeks in an average month (365.25 / 12 / 7): BG/NBD time runs in weeks, CLV steps in months. */
export const WEEKS_PER_MONTH = 365.25 / 12 / 7;

/** The monthly rate equivalent to an annual discount rate: (1 + annual)^(1/12) - 1. */
export function monthlyDiscountRate(annual: number): number {
  return Math.pow(1 + annual, 1 / 12) - 1;
}

/**
 * Discounted expected repeat purchases over the next `months` months:
 * sum over m = 1..months of (E[X(m)] - E[X(m-1)]) / (1 + monthlyRate)^m, with E[X(t)] the
 * BG/NBD conditional expectation and a month of `weeksPerMonth` weeks (purchases of month m are
 * discounted as if paid at its end, as lifetimes does).
 */
export function discountedExpectedPurchases(p: BgNbdParams, x: number, tx: number, T: number, months: number, monthlyRate: number,
  weeksPerMonth: number = WEEKS_PER_MONTH): number {
  let total = 0;
  let prev = 0;
  for (let m = 1; m <= months; m++) {
    const cum = bgnbdExpectedPurchases(p, m * weeksPerMonth, x, tx, T);
    total += (cum - prev) / Math.pow(1 + monthlyRate, m);
    prev = cum;
  }
  return total;
}
