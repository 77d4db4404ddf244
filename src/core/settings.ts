import { UserError } from './errors.ts';

/**
 * A server setting given as a whole number by a flag or an environment variable (`label` names
 * both): 1 to `max`, or `fallback` when unset or empty.
 */
export function wholeSetting(label: string, v: string | undefined, max: number, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < 1 || n > max)
    throw new UserError(`${label}应为 1 至 ${max} 之间的整数，收到“${v}”`);
  return n;
}
