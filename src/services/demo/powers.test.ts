import { describe, expect, it } from 'vitest';
import { planCounty, townDrafts } from './plan.ts';

const o = { year: 2024, townships: 6, seed: 1, today: '2025-02-10' };

describe('demo power lists (pure)', () => {
  const plan = planCounty(o);

  it('gives every township a list of 15–40 powers a year, across categories, some delegated with a document', () => {
    for (const t of plan.townships) {
      const powers = townDrafts(o, t).get('power') ?? [];
      for (const year of [2023, 2024, 2025]) {
        const list = powers.filter((d) => d.date === `${year}-01-01`);
        const where = `${t.name} ${year}`;
        expect(list.length, where).toBeGreaterThanOrEqual(15);
        expect(list.length, where).toBeLessThanOrEqual(40);
        expect(
          list.every((d) => d.endDate === `${year + 1}-01-01`),
          where,
        ).toBe(true);
        const categories = new Set(list.map((d) => d.data.category));
        expect(categories.size, where).toBeGreaterThanOrEqual(3);
        const delegated = list.filter((d) => d.data.source === 'delegated');
        expect(delegated.length, where).toBeGreaterThan(0);
        expect(delegated.length, where).toBeLessThan(list.length);
        for (const d of delegated) expect(String(d.data.delegationDoc)).toMatch(/〔\d{4}〕\d+号/);
      }
    }
  });

  it('names in every penalty and inspection a power of its category held that year', () => {
    for (const t of plan.townships) {
      const drafts = townDrafts(o, t);
      const held = (date: unknown, category: string) =>
        new Set(
          (drafts.get('power') ?? [])
            .filter((d) => d.date === `${String(date).slice(0, 4)}-01-01` && d.data.category === category)
            .map((d) => d.title),
        );
      const cases = [
        ...(drafts.get('penalty') ?? []).map((d) => [d, 'penalty'] as const),
        ...(drafts.get('inspection') ?? []).map((d) => [d, 'inspection'] as const),
      ];
      expect(cases.length).toBeGreaterThan(0);
      for (const [d, category] of cases)
        expect(held(d.date, category), `${t.name} ${String(d.title)}`).toContain(d.data.power);
    }
  });
});
