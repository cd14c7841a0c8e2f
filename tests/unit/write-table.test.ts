import { describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { writeTable } from '../../src/analytics/common/writeTable';

describe('writeTable', () => {
  it('round-trips numbers, NULLs and any text through the real engine, without generating code (the CSP forbids eval)', async () => {
    const qm = await createTestEngine();
    const real = globalThis.Function;
    let compiled = 0;
    // Arrow's builders compile a null check with `new Function`; the browser's CSP rejects that.
    globalThis.Function = new Proxy(real, { construct: (t, args) => { compiled++; return Reflect.construct(t, args); } });
    try {
      await writeTable(qm, 'cw_test_written', {
        id: ['a', 'b', 'c'],
        p: Float64Array.from([0.25, Number.NaN, 1e-9]),
        note: ['按月合同', null, '<img src=x onerror=alert(1)> "q"'],
      });
    } finally {
      globalThis.Function = real;
    }
    expect(compiled).toBe(0);
    expect(await rowsOf(qm, `SELECT id, p, note FROM cw_test_written ORDER BY id`)).toEqual([
      { id: 'a', p: 0.25, note: '按月合同' },
      { id: 'b', p: null, note: null },
      { id: 'c', p: 1e-9, note: '<img src=x onerror=alert(1)> "q"' },
    ]);
    // Written again, the table is replaced, not appended to.
    await writeTable(qm, 'cw_test_written', { id: ['z'], p: Float64Array.from([1]), note: ['x'] });
    expect(await rowsOf(qm, `SELECT count(*)::INTEGER AS n FROM cw_test_written`)).toEqual([{ n: 1 }]);
  }, 60_000);
});
