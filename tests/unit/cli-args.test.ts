import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args';

const usage = (...argv: string[]) => {
  try {
    parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  return null;
};

describe('analyze command line', () => {
  it('defaults to the WASM engine, English and DuckDB\'s own native settings', () => {
    expect(parseArgs(['a.csv'])).toMatchObject({ engine: 'wasm', lang: 'en', native: { threads: null, memoryLimit: null, spillDir: null }, files: ['a.csv'] });
  });

  it('reads --engine native with threads, a memory limit and a spill directory, in both spellings', () => {
    const a = parseArgs(['--engine', 'native', '--threads', '2', '--memory-limit=512mib', '--spill-dir', '/tmp', '--lang', 'zh-CN', 'a.csv']);
    expect(a).toMatchObject({ engine: 'native', lang: 'zh-CN', native: { threads: 2, memoryLimit: '512MiB', spillDir: '/tmp' } });
    expect(parseArgs(['--engine=native', '--memory-limit', '1.5 GB', 'a.csv']).native.memoryLimit).toBe('1.5GB');
  });

  it('refuses bad values with a message naming the option and what it got', () => {
    expect(usage('--engine', 'spark', 'a.csv')).toBe('--engine must be wasm or native, got "spark"');
    for (const bad of ['0', '-1', '2.5', 'two', '99999']) expect(usage('--engine', 'native', '--threads', bad, 'a.csv')).toMatch(new RegExp(`^--threads must be a whole number from 1 to \\d+, got "${bad.replace('.', '\\.')}"$`));
    for (const bad of ['8', '8XB', 'lots', '0GB', '-1GB']) expect(usage('--engine', 'native', '--memory-limit', bad, 'a.csv')).toMatch(/^--memory-limit must be a size such as 8GB/);
    expect(usage('--engine', 'native', '--threads')).toBe('--threads needs a value');
    expect(usage('--lang', 'fr', 'a.csv')).toBe('--lang must be en or zh-CN, got "fr"');
  });

  it('refuses native-only options on the WASM engine rather than ignoring them', () => {
    expect(usage('--threads', '2', 'a.csv')).toBe('--threads needs --engine native');
    expect(usage('--memory-limit', '1GB', '--spill-dir', '/tmp', 'a.csv')).toBe('--memory-limit, --spill-dir need --engine native');
  });

  it('reads --facts-out DIR on either engine, and refuses it without a directory', () => {
    expect(parseArgs(['a.csv']).factsOut).toBeNull();
    expect(parseArgs(['--facts-out', 'out/bundle', 'a.csv']).factsOut).toBe('out/bundle');
    expect(parseArgs(['--engine=native', '--facts-out=out', '--demo=500'])).toMatchObject({ engine: 'native', factsOut: 'out', demoCustomers: 500, files: [] });
    expect(usage('a.csv', '--facts-out')).toBe('--facts-out needs a value');
    expect(usage('--facts-out', ' ', 'a.csv')).toBe('--facts-out needs a directory');
  });
});

describe('overrides on the command line', () => {
  it('reads --table, --header-row and repeatable --map, matched to a FILE by path or base name', () => {
    const a = parseArgs(['--table', 'a.csv=orders', '--header-row=data/b.xlsx=4', '--map', 'data/b.xlsx:客户 编号=customer_id', '--map', 'b.xlsx:备注=-', 'a.csv', 'data/b.xlsx']);
    expect(a.overrides.get('a.csv')).toEqual({ table: 'orders' });
    expect(a.overrides.get('data/b.xlsx')).toEqual({ headerRow: 4, columns: { '客户 编号': 'customer_id', 备注: null } });
    expect(parseArgs(['a.csv']).overrides.size).toBe(0);
  });

  it('refuses an unknown table, a bad line, an unknown column and a file not given, naming what it got', () => {
    expect(usage('--table', 'a.csv=clients', 'a.csv')).toBe('--table must name one of customers, orders, subscriptions, activity, tickets, nps, interventions, got "clients"');
    expect(usage('--header-row', 'a.csv=0', 'a.csv')).toBe('--header-row needs a line number from 1, got "0"');
    expect(usage('--header-row', 'a.csv', 'a.csv')).toBe('--header-row needs FILE=VALUE, got "a.csv"');
    expect(usage('--map', 'a.csv:x=cust_id', 'a.csv')).toMatch(/^--map: "cust_id" is not a canonical column/);
    expect(usage('--map', 'a.csv=customer_id', 'a.csv')).toBe('--map needs FILE:column=canonical, got "a.csv=customer_id"');
    expect(usage('--table', 'c.csv=orders', 'a.csv')).toBe('--table c.csv=orders: names none of the files given');
    expect(usage('--map', 'c.csv:x=amount', 'a.csv')).toBe('--map c.csv:x: names none of the files given');
  });
});
