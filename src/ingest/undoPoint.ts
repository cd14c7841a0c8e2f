import type { QueryManager } from '../engine/queryManager';
import { ident } from '../engine/sql';

const PREFIX = 'cw_undo_';

/**
 * One-step undo of an append: before a load first writes into a table, that table is copied
 * inside DuckDB (`cw_undo_<table>`). Only the tables the append touches are copied, so appending
 * a small orders file to a 10M-row workspace copies the orders table and nothing else.
 */
export class UndoPoint {
  private readonly saved = new Set<string>();

  constructor(private readonly qm: QueryManager) {}

  /** Tables saved so far. */
  get tables(): string[] {
    return [...this.saved];
  }

  /** Copies `table` the first time it is about to change; later calls do nothing. */
  async capture(table: string): Promise<void> {
    if (this.saved.has(table)) return;
    this.saved.add(table);
    await this.qm.exec(`CREATE OR REPLACE TABLE ${ident(PREFIX + table)} AS SELECT * FROM ${ident(table)}`);
  }

  /** Puts every captured table back as it was, then forgets the copies. */
  async restore(): Promise<void> {
    for (const t of this.saved) {
      await this.qm.exclusive(async (c) => {
        await c.exec(`DELETE FROM ${ident(t)}`);
        await c.exec(`INSERT INTO ${ident(t)} SELECT * FROM ${ident(PREFIX + t)}`);
      });
    }
    await this.discard();
  }

  /** Drops the copies (the append is kept). */
  async discard(): Promise<void> {
    for (const t of this.saved) await this.qm.exec(`DROP TABLE IF EXISTS ${ident(PREFIX + t)}`);
    this.saved.clear();
  }
}
