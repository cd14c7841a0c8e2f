import { readFileSync, readdirSync } from 'node:fs';

/** Resident memory of every Chromium process now, in bytes (from /proc; Linux only). */
export function chromiumRss(): { total: number; largest: number } {
  let total = 0;
  let largest = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium')) continue;
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      total += rss;
      largest = Math.max(largest, rss);
    } catch {
      // The process ended while we looked.
    }
  }
  return { total, largest };
}

/** Samples chromiumRss every `ms` until stopped; returns the peaks. */
export function sampleChromiumRss(ms = 250): { stop(): { peakTotal: number; peakLargest: number } } {
  let peakTotal = 0;
  let peakLargest = 0;
  const take = () => {
    const now = chromiumRss();
    peakTotal = Math.max(peakTotal, now.total);
    peakLargest = Math.max(peakLargest, now.largest);
  };
  take();
  const timer = setInterval(take, ms);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakTotal, peakLargest };
    },
  };
}
