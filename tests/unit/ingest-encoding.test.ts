import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/engine';
import { createTextDecoder, detectEncoding, looksBinary, type TextEncodingName } from '../../src/ingest/encoding';

/*
 * Fixtures (each a few lines of a customer/order/NPS table, written with iconv from UTF-8):
 *   gbk-customers.csv     iconv -t gbk        (Excel on Chinese Windows)
 *   big5-customers.csv    iconv -t big5       (Traditional Chinese)
 *   sjis-customers.csv    iconv -t shift_jis  (Japanese)
 *   win1252-customers.csv iconv -t windows-1252 (German, ';' and decimal commas)
 *   bom-orders.csv        UTF-8 with BOM      (Excel "CSV UTF-8")
 *   utf16le-nps.tsv       UTF-16LE with BOM   (Excel "Unicode text")
 */
const bytes = (name: string) => new Uint8Array(readFileSync(FIXTURES + name));
const text = (name: string, enc: TextEncodingName) => createTextDecoder(enc).decode(bytes(name));

describe('detectEncoding', () => {
  it('reads a UTF-8 BOM as utf-8-bom and the decoder drops the BOM', () => {
    expect(detectEncoding(bytes('bom-orders.csv'))).toEqual({ encoding: 'utf-8-bom', confidence: 1 });
    expect(text('bom-orders.csv', 'utf-8-bom').startsWith('订单号,客户编号')).toBe(true);
  });

  it('reads a UTF-16LE BOM as utf-16le and decodes the tab-separated text', () => {
    expect(detectEncoding(bytes('utf16le-nps.tsv')).encoding).toBe('utf-16le');
    expect(text('utf16le-nps.tsv', 'utf-16le').split('\n')[0]).toBe('customer_id\tsurvey_date\tscore');
  });

  it('recognises UTF-16 without a BOM by where the NUL bytes are (LE odd, BE even)', () => {
    const le = bytes('utf16le-nps.tsv').subarray(2);
    const be = new Uint8Array(le.length);
    for (let i = 0; i + 1 < le.length; i += 2) {
      be[i] = le[i + 1];
      be[i + 1] = le[i];
    }
    expect(detectEncoding(le).encoding).toBe('utf-16le');
    expect(detectEncoding(be).encoding).toBe('utf-16be');
    expect(createTextDecoder('utf-16be').decode(be).startsWith('customer_id\t')).toBe(true);
  });

  it('detects the GBK export of Chinese Excel as gb18030 and decodes its headers', () => {
    const gbk = bytes('gbk-customers.csv');
    // 客户编号 in GBK: the fixture really is GBK, not UTF-8.
    expect(Array.from(gbk.subarray(0, 8))).toEqual([0xbf, 0xcd, 0xbb, 0xa7, 0xb1, 0xe0, 0xba, 0xc5]);
    expect(detectEncoding(gbk).encoding).toBe('gb18030');
    expect(text('gbk-customers.csv', 'gb18030').split('\n')[0]).toBe('客户编号,客户名称,注册日期,客户等级,所属行业,客户状态');
  });

  it('keeps gb18030 for a GBK sample cut in the middle of a character', () => {
    expect(detectEncoding(bytes('gbk-customers.csv').subarray(0, 41)).encoding).toBe('gb18030');
  });

  it('detects Big5, Shift_JIS and Windows-1252 files and decodes them to the right text', () => {
    expect(detectEncoding(bytes('big5-customers.csv')).encoding).toBe('big5');
    expect(text('big5-customers.csv', 'big5').split('\n')[0]).toBe('客戶編號,客戶名稱,註冊日期,所屬行業');
    expect(detectEncoding(bytes('sjis-customers.csv')).encoding).toBe('shift_jis');
    expect(text('sjis-customers.csv', 'shift_jis').split('\n')[1]).toBe('J001,東京データ株式会社,2023/1/5,ソフトウェア');
    expect(detectEncoding(bytes('win1252-customers.csv')).encoding).toBe('windows-1252');
    expect(text('win1252-customers.csv', 'windows-1252')).toContain('K002;Café Zürich;Bahnhofstraße 9;980,00 €');
  });

  it('calls pure ASCII utf-8 with full confidence', () => {
    expect(detectEncoding(new TextEncoder().encode('customer_id,amount\nA1,10\n'))).toEqual({ encoding: 'utf-8', confidence: 1 });
  });

  it('still calls UTF-8 utf-8 when the sample ends in the middle of a multi-byte character', () => {
    const utf8 = new TextEncoder().encode('客户编号,客户名称\nC001,北京星辰');
    for (const cut of [1, 2]) expect(detectEncoding(utf8.subarray(0, utf8.length - cut)).encoding).toBe('utf-8');
  });

  it('does not call GBK bytes UTF-8 even though a few of them would be valid UTF-8', () => {
    expect(detectEncoding(bytes('gbk-customers.csv')).encoding).not.toMatch(/^utf/);
  });
});

describe('createTextDecoder', () => {
  it('creates a decoder for every supported encoding with its WHATWG name', () => {
    const expected: Record<TextEncodingName, string> = {
      'utf-8': 'utf-8', 'utf-8-bom': 'utf-8', gb18030: 'gb18030', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be',
      big5: 'big5', shift_jis: 'shift_jis', 'windows-1252': 'windows-1252',
    };
    for (const [enc, label] of Object.entries(expected)) expect(createTextDecoder(enc as TextEncodingName).encoding).toBe(label);
  });
});

describe('windows-1252 decoding', () => {
  it('decodes 0x80-0x9F to the Windows-1252 characters (euro, curly quotes), not Latin-1 controls', () => {
    const out = createTextDecoder('windows-1252').decode(new Uint8Array([0x80, 0x92, 0x93, 0x94, 0x9f, 0x41, 0xe9]));
    expect(out).toBe('€\u2019\u201c\u201dŸAé');
  });

  it('decodes the same way when fed in chunks with stream: true', () => {
    const d = createTextDecoder('windows-1252');
    expect(d.decode(new Uint8Array([0x31, 0x80]), { stream: true }) + d.decode(new Uint8Array([0x85]))).toBe('1€…');
  });
});

describe('looksBinary', () => {
  const csv = (body: string) => new TextEncoder().encode(body);

  it('calls a PNG image binary', () => {
    const png = bytes('image.png');
    expect(looksBinary(png, detectEncoding(png).encoding)).toBe(true);
  });

  it('calls an XLSX (zip) or Parquet file binary by its signature', () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'windows-1252')).toBe(true);
    expect(looksBinary(new Uint8Array([0x50, 0x41, 0x52, 0x31, 0x15, 0x04]), 'windows-1252')).toBe(true);
  });

  it('calls random bytes binary', () => {
    let seed = 7;
    const noise = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    expect(looksBinary(noise, 'windows-1252')).toBe(true);
  });

  it('keeps a CSV with a stray NUL byte as text, but not one with NULs everywhere', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `C${i},customer ${i},2024-01-02,${i * 3}.50`).join('\n');
    const stray = csv(lines);
    stray[100] = 0;
    expect(looksBinary(stray, 'utf-8')).toBe(false);
    const many = csv(lines);
    for (let i = 0; i < many.length; i += 20) many[i] = 0;
    expect(looksBinary(many, 'utf-8')).toBe(true);
  });

  it('keeps UTF-16 text (NUL in every other byte) and GBK text as text', () => {
    expect(looksBinary(bytes('utf16le-nps.tsv'), 'utf-16le')).toBe(false);
    expect(looksBinary(bytes('gbk-customers.csv'), 'gb18030')).toBe(false);
  });

  it('does not call an empty sample binary (emptiness is reported separately)', () => {
    expect(looksBinary(new Uint8Array(0), 'utf-8')).toBe(false);
  });
});
