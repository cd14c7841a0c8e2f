import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../helpers/engine';
import { sniffDelimiter, sniffHasHeader, splitWhitespaceLine, whitespaceLineToTsv } from '../../src/ingest/delimiter';

const firstLines = (path: string, n = 50) => readFileSync(SHARED_DATA + path, 'utf8').split('\n').slice(0, n);

describe('sniffDelimiter', () => {
  it('picks comma for the Telco CSV', () => {
    expect(sniffDelimiter(firstLines('telco/Telco-Customer-Churn.csv'))).toEqual({ delimiter: ',', confidence: 1 });
  });

  it('picks whitespace for CDNOW_master (leading space, runs of spaces, CRLF)', () => {
    expect(sniffDelimiter(firstLines('cdnow/CDNOW_master.txt'))).toEqual({ delimiter: 'whitespace', confidence: 1 });
  });

  it('picks whitespace for the headerless CDNOW_sample', () => {
    expect(sniffDelimiter(firstLines('cdnow/CDNOW_sample.txt')).delimiter).toBe('whitespace');
  });

  it('picks tab, semicolon and pipe files by their consistent field counts', () => {
    expect(sniffDelimiter(['id\tname\tamount', 'A1\tAcme, Inc.\t10', 'A2\tBeta\t20']).delimiter).toBe('\t');
    expect(sniffDelimiter(['id;name;amount', 'A1;Acme;1,50', 'A2;Beta;2,75']).delimiter).toBe(';');
    expect(sniffDelimiter(['id|name|amount', 'A1|Acme|10', 'A2|Beta|20']).delimiter).toBe('|');
  });

  it('ignores delimiters inside quoted fields, including a quoted field spanning lines', () => {
    const lines = ['id;note;amount', 'A1;"a, b, c";10', 'A2;"multi', 'line, with commas";20', 'A3;"say ""hi"", ok";30'];
    expect(sniffDelimiter(lines)).toEqual({ delimiter: ';', confidence: 1 });
  });

  it('does not split a one-column list of names at its spaces', () => {
    const result = sniffDelimiter(['name', 'John Smith', 'Mary Ann Lee', 'Wang Fang']);
    expect(result.delimiter).not.toBe('whitespace');
    expect(result.confidence).toBe(0);
  });

  it('ignores a UTF-8 BOM and blank lines', () => {
    expect(sniffDelimiter(['\uFEFFa,b,c', '', '1,2,3', '4,5,6'])).toEqual({ delimiter: ',', confidence: 1 });
  });

  it('reports the share of records with the winning field count as confidence', () => {
    expect(sniffDelimiter(['a,b,c', '1,2,3', '4,5,6', '7,8']).confidence).toBe(0.75);
  });
});

describe('whitespace lines', () => {
  it('splits a CDNOW line with a leading space, runs of spaces and a CR', () => {
    expect(splitWhitespaceLine(' 00001 19970101  1   11.77\r')).toEqual(['00001', '19970101', '1', '11.77']);
    expect(splitWhitespaceLine('   ')).toEqual([]);
  });

  it('turns a whitespace line into a tab-separated one', () => {
    expect(whitespaceLineToTsv(' customer_id  date number_of_cds  dollar_value\r')).toBe('customer_id\tdate\tnumber_of_cds\tdollar_value');
  });
});

describe('sniffHasHeader', () => {
  const rows = (path: string, split: (l: string) => string[]) => firstLines(path).filter((l) => l.trim()).map(split);

  it('finds the header of CDNOW_master and none in CDNOW_sample', () => {
    expect(sniffHasHeader(rows('cdnow/CDNOW_master.txt', splitWhitespaceLine))).toBe(true);
    expect(sniffHasHeader(rows('cdnow/CDNOW_sample.txt', splitWhitespaceLine))).toBe(false);
  });

  it('finds the header of the Telco CSV', () => {
    expect(sniffHasHeader(rows('telco/Telco-Customer-Churn.csv', (l) => l.split(',')))).toBe(true);
  });

  it('treats labels above dates and money as a header, and dates above dates as data', () => {
    expect(sniffHasHeader([['客户编号', '下单时间', '金额'], ['C1', '2024/1/2', '¥1,200'], ['C2', '2024/1/3', '¥80']])).toBe(true);
    expect(sniffHasHeader([['C1', '2024/1/2', '¥1,200'], ['C2', '2024/1/3', '¥80'], ['C3', '2024/1/4', '¥5']])).toBe(false);
  });

  it('assumes a header for all-text files unless the first row repeats below', () => {
    expect(sniffHasHeader([['city', 'tier'], ['Beijing', 'Gold'], ['Shanghai', 'Silver']])).toBe(true);
    expect(sniffHasHeader([['Beijing', 'Gold'], ['Shanghai', 'Silver'], ['Beijing', 'Gold']])).toBe(false);
  });

  it('calls a single row of labels a header and a single row of numbers data', () => {
    expect(sniffHasHeader([['customer_id', 'amount']])).toBe(true);
    expect(sniffHasHeader([['17850', '12.5']])).toBe(false);
  });
});
