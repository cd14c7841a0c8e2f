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
