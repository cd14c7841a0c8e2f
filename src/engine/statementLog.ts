/** One finished statement: its first characters, how long it took, and when it ended. */
export interface StatementTiming {
  sql: string;
  ms: number;
  endedAt: number;
}

/** Characters of a statement kept: enough to recognise it, never a whole generated query. */
const SQL_CHARS = 160;

/**
 * The last statements the engine ran, with their times: what a profile of a slow load or
 * rebuild starts from (read in the browser through `window.__churnwatch.statements()`). A ring
 * of fixed size, so a wall running for weeks keeps a few kilobytes.
 */
export class StatementLog {
  private readonly entries: StatementTiming[] = [];

  constructor(private readonly size = 300) {}

  record(sql: string, ms: number): void {
    // Only a prefix is normalised: generated statements run to tens of kilobytes.
    const head = sql.slice(0, SQL_CHARS * 4).replace(/\s+/g, ' ').trim().slice(0, SQL_CHARS);
    this.entries.push({ sql: head, ms, endedAt: performance.now() });
    if (this.entries.length > this.size) this.entries.shift();
  }

  /** Oldest first. */
  list(): StatementTiming[] {
    return [...this.entries];
  }
}
