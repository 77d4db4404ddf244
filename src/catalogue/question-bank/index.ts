/**
 * The starter question bank (入门题库) shipped with fazhi: questions on the laws of laws.ts, each citing
 * the article of the current text it is drawn from. One JSON file per law; townships and county
 * departments add their own questions on top. A correction in a later release keeps the code and
 * becomes a new version of that question.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { laws } from '../laws.ts';
import type { StarterQuestion } from '../questions.ts';

export const STARTER_BANK_NOTE =
  '入门题库：依据法律法规条文编写，供各乡镇（街道）、县直部门在此基础上补充本地题目';

/** The code prefix of each law's starter questions (XF-001 宪法, MF-001 民法典 …). */
export const STARTER_PREFIXES: Readonly<Record<string, string>> = {
  constitution: 'XF',
  civil_code: 'MF',
  admin_penalty: 'CF',
  admin_license: 'XK',
  admin_coercion: 'QZ',
  admin_reconsideration: 'FY',
  admin_litigation: 'SS',
  petition: 'XFT',
  gov_info: 'GK',
  major_decision: 'JC',
  mediation: 'TJ',
  land: 'TD',
};

function loadLaw(lawId: string): StarterQuestion[] {
  const text = readFileSync(join(import.meta.dirname, `${lawId}.json`), 'utf8');
  return JSON.parse(text) as StarterQuestion[];
}

/** Every starter question, in the order of laws.ts and then by code. */
export const STARTER_BANK: readonly StarterQuestion[] = laws
  .filter((law) => law.id in STARTER_PREFIXES)
  .flatMap((law) => loadLaw(law.id).sort((a, b) => a.code.localeCompare(b.code)));
