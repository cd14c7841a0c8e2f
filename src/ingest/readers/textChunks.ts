/**
 * Splits decoded text into chunks that end on a record boundary (a newline outside quotes),
 * so each chunk can be handed to DuckDB's CSV reader on its own. Carries the remainder over.
 */
export class RecordChunker {
  private carry = '';

  /** Adds text; returns the complete records so far (possibly '') and keeps the rest. */
  push(text: string, final: boolean): string {
    const all = this.carry + text;
    if (final) {
      this.carry = '';
      return all;
    }
    const cut = lastRecordEnd(all);
    this.carry = all.slice(cut);
    return all.slice(0, cut);
  }
}

/** Index just after the last newline that is outside double quotes, or 0 when none. */
export function lastRecordEnd(text: string): number {
  let nl = text.lastIndexOf('\n');
  if (nl < 0) return 0;
  if (text.indexOf('"') < 0) return nl + 1;
  // Count quotes before each candidate newline; an odd count means the newline is quoted.
  let quotes = countChar(text, '"', 0, nl);
  while (nl >= 0 && quotes % 2 === 1) {
    const prev = text.lastIndexOf('\n', nl - 1);
    quotes -= countChar(text, '"', prev + 1, nl);
    nl = prev;
  }
  return nl < 0 ? 0 : nl + 1;
}

/** Occurrences of `ch` in text[from, to). */
export function countChar(text: string, ch: string, from: number, to: number): number {
  let n = 0;
  let i = text.indexOf(ch, from);
  while (i >= 0 && i < to) {
    n++;
    i = text.indexOf(ch, i + 1);
  }
  return n;
}

/** Splits one delimited line into fields, honouring double quotes ("" escapes a quote). */
export function splitDelimitedLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inQuotes) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"' && field === '') inQuotes = true;
    else if (ch === delimiter) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field.replace(/\r$/, ''));
  return out;
}
