import { describe, expect, it } from 'vitest';
import { findLaw, laws } from '../laws.ts';
import { DIFFICULTIES, JUDGE_OPTIONS, QUESTION_TYPES } from '../questions.ts';
import { STARTER_BANK, STARTER_BANK_NOTE, STARTER_PREFIXES } from './index.ts';

const ARTICLE =
  /^第[零一二三四五六七八九十百千]+条(第[一二三四五六七八九十]+款)?(第[（(][一二三四五六七八九十]+[）)]项)?$/;

describe('starter question bank', () => {
  it('is large enough and spread over the laws', () => {
    expect(STARTER_BANK.length).toBeGreaterThanOrEqual(200);
    const perLaw = new Map<string, number>();
    for (const q of STARTER_BANK) perLaw.set(q.law, (perLaw.get(q.law) ?? 0) + 1);
    expect([...perLaw.values()].filter((n) => n >= 15).length).toBeGreaterThanOrEqual(8);
    expect(STARTER_BANK_NOTE).toContain('入门题库');
  });

  it('refers to declared laws with stable, unique codes', () => {
    const codes = STARTER_BANK.map((q) => q.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const q of STARTER_BANK) {
      expect(findLaw(q.law)?.id, q.code).toBe(q.law);
      expect(q.code, q.code).toMatch(new RegExp(`^${STARTER_PREFIXES[q.law]}-\\d{3}$`));
    }
    expect(Object.keys(STARTER_PREFIXES).every((id) => laws.some((l) => l.id === id))).toBe(true);
  });

  it('is ordered by law, then by code', () => {
    const order = (id: string) => laws.findIndex((l) => l.id === id);
    const sorted = [...STARTER_BANK].sort(
      (a, b) => order(a.law) - order(b.law) || a.code.localeCompare(b.code),
    );
    expect(STARTER_BANK.map((q) => q.code)).toEqual(sorted.map((q) => q.code));
  });

  it('has well-formed options and answers for each type', () => {
    for (const q of STARTER_BANK) {
      expect(Object.keys(QUESTION_TYPES), q.code).toContain(q.type);
      expect(Object.keys(DIFFICULTIES), q.code).toContain(q.difficulty);
      expect(
        q.options.every((o) => o.trim().length > 0),
        q.code,
      ).toBe(true);
      expect(new Set(q.options).size, q.code).toBe(q.options.length);
      expect(
        q.answer.every((a) => Number.isInteger(a) && a >= 0 && a < q.options.length),
        q.code,
      ).toBe(true);
      expect(
        [...q.answer].sort((a, b) => a - b),
        q.code,
      ).toEqual(q.answer);
      expect(new Set(q.answer).size, q.code).toBe(q.answer.length);
      switch (q.type) {
        case 'single':
          expect(q.answer, q.code).toHaveLength(1);
          expect(q.options.length, q.code).toBeGreaterThanOrEqual(3);
          expect(q.options.length, q.code).toBeLessThanOrEqual(5);
          break;
        case 'multiple':
          expect(q.answer.length, q.code).toBeGreaterThanOrEqual(2);
          expect(q.options.length, q.code).toBeGreaterThanOrEqual(4);
          expect(q.options.length, q.code).toBeLessThanOrEqual(6);
          break;
        case 'judge':
          expect(q.options, q.code).toEqual([...JUDGE_OPTIONS]);
          expect(q.answer, q.code).toHaveLength(1);
          break;
      }
    }
  });

  it('cites an article and explains every question', () => {
    for (const q of STARTER_BANK) {
      expect(q.article, q.code).toMatch(ARTICLE);
      expect(q.stem.length, q.code).toBeGreaterThanOrEqual(5);
      expect(q.stem.length, q.code).toBeLessThanOrEqual(300);
      expect(q.note?.trim().length ?? 0, q.code).toBeGreaterThan(0);
    }
    const stems = STARTER_BANK.map((q) => q.stem);
    expect(new Set(stems).size).toBe(stems.length);
  });

  it('mixes question types and difficulties within each law', () => {
    for (const law of new Set(STARTER_BANK.map((q) => q.law))) {
      const qs = STARTER_BANK.filter((q) => q.law === law);
      expect(new Set(qs.map((q) => q.type)).size, law).toBe(3);
      expect(new Set(qs.map((q) => q.difficulty)).size, law).toBe(3);
    }
  });
});
