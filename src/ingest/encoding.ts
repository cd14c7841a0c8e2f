import { analyse } from 'chardet';

/**
 * Text encoding detection for dropped files. Order of evidence: a byte-order mark; UTF-16
 * without BOM by its NUL-byte pattern; strict UTF-8 validity (pure ASCII counts as UTF-8);
 * then chardet's statistical guess among the legacy encodings CRM exports use (GBK/GB18030
 * from Excel on Chinese Windows above all).
 */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'big5' | 'shift_jis' | 'windows-1252';

/** WHATWG labels; 'utf-8' strips a leading BOM by default, which is what 'utf-8-bom' needs. */
const WHATWG_LABEL: Record<TextEncodingName, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  gb18030: 'gb18030',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  big5: 'big5',
  shift_jis: 'shift_jis',
  'windows-1252': 'windows-1252',
};

/** chardet names -> ours. Single-byte Western guesses all read as windows-1252 (a superset of 8859-1). */
const CHARDET_MAP: Record<string, TextEncodingName> = {
  'GB18030': 'gb18030',
  'Big5': 'big5',
  'Shift_JIS': 'shift_jis',
  'windows-1252': 'windows-1252',
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-2': 'windows-1252',
  'ISO-8859-9': 'windows-1252',
  'windows-1250': 'windows-1252',
  'windows-1254': 'windows-1252',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
};

/**
 * GBK is what Chinese Excel writes; chardet sometimes ranks Big5 or Shift_JIS a little above it
 * on short GBK samples. Within this many confidence points, gb18030 wins.
 */
const GB_PREFERENCE_MARGIN = 10;

/** Guesses the encoding of the first bytes of a file (any length; may end mid-character). */
export function detectEncoding(sample: Uint8Array): { encoding: TextEncodingName; confidence: number } {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8-bom', confidence: 1 };
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', confidence: 1 };
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', confidence: 1 };
  const utf16 = utf16ByNulPattern(sample);
  if (utf16) return { encoding: utf16, confidence: 0.9 };
  const utf8 = utf8Validity(sample);
  if (utf8 === 'ascii') return { encoding: 'utf-8', confidence: 1 };
  if (utf8 === 'valid') return { encoding: 'utf-8', confidence: 0.99 };
  if (utf8 === 'damaged') return { encoding: 'utf-8', confidence: 0.6 };
  return legacyGuess(sample);
}

/**
 * UTF-16 text without BOM that is mostly ASCII (digits, delimiters, Latin letters) has a NUL
 * in every other byte: odd positions for little-endian, even for big-endian.
 */
function utf16ByNulPattern(sample: Uint8Array): TextEncodingName | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.05) return 'utf-16be';
  return null;
}

/** Length of the UTF-8 sequence a lead byte starts (0 for a continuation or invalid byte). */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/**
 * The sample without an incomplete UTF-8 sequence at its very end (a sample cut from a larger
 * file often stops mid-character); at most 3 bytes are dropped.
 */
function withoutCutCharacter(sample: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, sample.length); back++) {
    const b = sample[sample.length - back];
    if (b < 0x80) return sample;
    const len = sequenceLength(b);
    if (len > 0) return len > back ? sample.subarray(0, sample.length - back) : sample;
  }
  return sample;
}

/**
 * Damaged UTF-8 (a few stray bytes, or one row pasted from a GBK file into a UTF-8 export) is
 * still UTF-8: when at most this share of the non-ASCII characters fail to decode, the file is
 * read as UTF-8 and the bad bytes become U+FFFD, instead of re-reading every good character
 * through a legacy code page. Text in a legacy encoding fails almost everywhere.
 */
const DAMAGED_UTF8_MAX_SHARE = 0.3;
/** ... and at least this many non-ASCII characters must decode, so a few lucky bytes do not count. */
const DAMAGED_UTF8_MIN_GOOD = 4;

function utf8Validity(sample: Uint8Array): 'ascii' | 'valid' | 'damaged' | 'invalid' {
  let ascii = true;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return 'ascii';
  const bytes = withoutCutCharacter(sample);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'valid';
  } catch {
    let good = 0;
    let bad = 0;
    for (const ch of new TextDecoder('utf-8').decode(bytes)) {
      if (ch === '\uFFFD') bad++;
      else if (ch.charCodeAt(0) >= 0x80) good++;
    }
    return good >= DAMAGED_UTF8_MIN_GOOD && bad <= DAMAGED_UTF8_MAX_SHARE * (good + bad) ? 'damaged' : 'invalid';
  }
}

function legacyGuess(sample: Uint8Array): { encoding: TextEncodingName; confidence: number } {
  const matches = analyse(sample)
    .map((m) => ({ encoding: CHARDET_MAP[m.name], confidence: m.confidence }))
    .filter((m): m is { encoding: TextEncodingName; confidence: number } => m.encoding !== undefined && !m.encoding.startsWith('utf-16'));
  if (matches.length === 0) return { encoding: 'windows-1252', confidence: 0.1 };
  const best = matches[0];
  const gb = matches.find((m) => m.encoding === 'gb18030');
  if (gb && best.encoding !== 'gb18030' && best.encoding !== 'windows-1252' && best.confidence - gb.confidence <= GB_PREFERENCE_MARGIN) {
    return { encoding: 'gb18030', confidence: gb.confidence / 100 };
  }
  return { encoding: best.encoding, confidence: best.confidence / 100 };
}

/** WHATWG index-windows-1252 for bytes 0x80..0x9F (the only range where it differs from Latin-1). */
const CP1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/**
 * Node >= 20.18.3 decodes 'windows-1252' as Latin-1 (nodejs/node#60888): 0x80 gives U+0080
 * instead of '€'. Browsers are right. Re-mapping the C1 range afterwards is correct in both,
 * since a correct decoder only leaves the five undefined bytes there, which map to themselves.
 */
class Windows1252Decoder extends TextDecoder {
  constructor() {
    super('windows-1252');
  }

  override decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
    return super.decode(input, options).replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]));
  }
}

/** A decoder for the encoding (WHATWG label; non-fatal, so a stray bad byte becomes U+FFFD). */
export function createTextDecoder(encoding: TextEncodingName): TextDecoder {
  if (encoding === 'windows-1252') return new Windows1252Decoder();
  return new TextDecoder(WHATWG_LABEL[encoding]);
}

/** File signatures of binary formats users drop by mistake (or misnamed): zip/xlsx, xls, pdf, images, parquet, gzip, 7z. */
const MAGIC: number[][] = [
  [0x50, 0x4b, 0x03, 0x04], // zip, xlsx, docx
  [0xd0, 0xcf, 0x11, 0xe0], // OLE2: xls, doc
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x50, 0x41, 0x52, 0x31], // PAR1 (parquet)
  [0x1f, 0x8b], // gzip
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
];

/**
 * True when the sample is not text: a known binary signature, more than 1% NUL bytes (outside
 * UTF-16, where NULs are normal), or more than 5% control characters. Ratios, so a CSV with a
 * stray NUL byte or two is still text.
 */
export function looksBinary(sample: Uint8Array, encoding: TextEncodingName): boolean {
  if (sample.length === 0) return false;
  if (MAGIC.some((sig) => sig.every((b, i) => sample[i] === b))) return true;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const text = createTextDecoder(encoding).decode(sample);
    let bad = 0;
    for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i)) || text.charCodeAt(i) === 0xfffd) bad++;
    return text.length > 0 && bad / text.length > 0.05;
  }
  let nul = 0;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) nul++;
    if (isControl(sample[i])) control++;
  }
  return nul / sample.length > 0.01 || control / sample.length > 0.05;
}

/** C0 control characters other than tab, LF, FF and CR: what plain text does not contain. */
function isControl(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d;
}
