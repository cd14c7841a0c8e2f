import { say } from '../messages';

/** The note for title lines skipped above a table (file or sheet line numbers, in order), or none. */
export function titleLinesNote(lines: number[]): string[] {
  if (lines.length === 0) return [];
  if (lines.length === 1) return [say('lineAboveTable', { line: lines[0] })];
  return [say('linesAboveTable', { from: lines[0], to: lines[lines.length - 1] })];
}
