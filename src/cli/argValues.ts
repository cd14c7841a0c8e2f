/** Most threads accepted: far above any machine here, low enough to catch a typo like 80000. */
const MAX_THREADS = 1024;

/** `--threads N`: a whole number from 1 to 1024. */
export function parseThreads(v: string, fail: (message: string) => Error): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_THREADS) throw fail(`--threads must be a whole number from 1 to ${MAX_THREADS}, got "${v}"`);
  return n;
}

const UNITS: Record<string, number> = {
  b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
};

/**
 * `--memory-limit SIZE` in DuckDB's own notation (8GB, 512MiB, 1.5GB), normalised to `<n><unit>`.
 * Checked here so a typo is a usage error, not DuckDB's parser error halfway through a run.
 */
export function parseMemoryLimit(v: string, fail: (message: string) => Error): string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(v);
  const unit = m?.[2].toLowerCase();
  if (!m || !unit || !(unit in UNITS) || Number(m[1]) <= 0) {
    throw fail(`--memory-limit must be a size such as 8GB, 512MB or 2GiB, got "${v}"`);
  }
  return `${m[1]}${m[2].toUpperCase().replace('IB', 'iB')}`;
}
