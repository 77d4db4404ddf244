import { describe, expect, it } from 'vitest';
import { attempt, run } from '../testing/case-engine.ts';

/** What one refused attempt adds to the permanent history, as stored (JSON). */
const storedSize = (d: ReturnType<typeof attempt>): number => JSON.stringify(d.ok ? null : d.event).length;

describe('a refused step kept in the case history', () => {
  const c = () => run('dispute', '2025-03-03', { disputeType: 'land' }, []);
  const huge = 'x'.repeat(900_000);

  it('keeps only the step’s declared fields, each cut short, whatever the request carried', () => {
    const fields = Object.fromEntries(
      Array.from({ length: 2_000 }, (_, i) => [`k${i}${huge.slice(0, 400)}`, huge]),
    );
    const d = attempt(c(), {
      action: 'mediate',
      role: 'township_staff',
      date: '2025-03-04',
      values: fields,
      reason: huge,
    });
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.event.outcome).toBe('refused');
    expect(d.event.values).toEqual({});
    expect(d.error).toMatch(/不填写“k0x{38}…”、“k1x{38}…”、“k2x{38}…”等 2000 项/);
    expect(d.event.reason).toMatch(/^x{500}…（已截断，原长 900000 字）$/);
    expect(storedSize(d)).toBeLessThan(4_000);
  });

  it('cuts an unknown action’s name and keeps no values for it', () => {
    const d = attempt(c(), { action: huge, role: 'township_staff', values: { a: huge } });
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.event.action.length).toBeLessThan(100);
    expect(d.event.values).toEqual({});
    expect(storedSize(d)).toBeLessThan(4_000);
  });
});
