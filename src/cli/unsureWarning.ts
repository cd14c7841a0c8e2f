import path from 'node:path';
import { unsureMessage } from '../ingest/certainty';
import { recogniseMessage } from '../ingest/messages';
import type { FileReport } from '../ingest/types';
import type { Locale } from '../i18n/index';
import zh from '../i18n/messages/ingest.zh-CN';

/** A loader message in the CLI's language: the zh-CN catalogue's text for it, else the English. */
export function inLang(text: string, lang: Locale): string {
  if (lang === 'en') return text;
  const hit = recogniseMessage(text);
  if (!hit) return text;
  return zh[hit.key].replace(/\{(\w+)\}/g, (slot, name: string) => hit.params[name] ?? slot);
}

/** A flag as the shell takes it: quoted when it holds a space or another character the shell reads. */
function shellWord(flag: string, value: string): string {
  return /^[\w.,:=@%+/\-\u0080-\uffff]+$/.test(value) && !/\s/.test(value) ? `${flag} ${value}` : `${flag} '${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The warning the CLI prints for a table whose table choice, header row or key mapping is below
 * ASK_BELOW: the file (and sheet), the two best readings, and the flag that settles it. Null
 * when every decision is sure enough, or when the user's flags settled it already.
 */
export function unsureWarning(r: FileReport, lang: Locale): string | null {
  if (!r.certainty?.ask || r.mappingOrigin === 'user') return null;
  const name = path.basename(r.file);
  const line = r.certainty.headerRow.line ?? 1;
  const message = unsureMessage(r.certainty, {
    table: (t) => shellWord('--table', `${name}=${t}`),
    headerRow: shellWord('--header-row', `${name}=${line}`),
    map: (source) => shellWord('--map', `${name}:${source}=${r.certainty?.keys.find((k) => k.source === source)?.column ?? 'COLUMN'}`),
  });
  if (!message) return null;
  const where = r.sheet ? `${r.file} [${r.sheet}]` : r.file;
  return `${lang === 'en' ? 'warning' : '警告'}: ${where}: ${inLang(message, lang)}`;
}
