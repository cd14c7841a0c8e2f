import { useI18n } from 'vue-i18n';
import { recogniseMessage } from '../ingest/messages';

/** A loader message as shown: in the user's language, and the English it came from when that differs. */
export interface ShownMessage {
  text: string;
  /** The English original, when `text` is a translation of it (kept for support and search). */
  original: string | null;
}

/**
 * Shows the loader's English messages (file errors, reject reasons, notes) in the user's language:
 * each is recognised in the message catalogue, with an optional "<file>: " or "<file> [sheet]: "
 * prefix kept as it is. Text that is not from the catalogue is shown as it is.
 */
export function useIngestText(): { show: (text: string | null | undefined) => ShownMessage } {
  const { t, locale } = useI18n();
  function translate(text: string): ShownMessage | null {
    for (let at = 0; at >= 0; at = text.indexOf(': ', at + 1)) {
      const start = at === 0 ? 0 : at + 2;
      const english = text.slice(start);
      const hit = recogniseMessage(english);
      if (hit) return { text: `${text.slice(0, start)}${t(`ingest.${hit.key}`, hit.params)}`, original: english };
    }
    return null;
  }
  function show(text: string | null | undefined): ShownMessage {
    if (!text) return { text: '', original: null };
    if (locale.value === 'en') return { text, original: null };
    const translated = translate(text);
    return translated && translated.text !== text ? translated : { text, original: null };
  }
  return { show };
}
