/** Numbers as Chinese reports write them: counts as integers, rates with one decimal and %. */
export function formatValue(v: number | null | undefined, unit: string, approx = false): string {
  if (v === null || v === undefined) return '—';
  if (unit === '%') return `${v.toFixed(1)}%`;
  // A sum of which the ledger wrote part as approximate (200余份) says so.
  return `${Number.isInteger(v) ? v.toLocaleString('zh-CN') : v.toFixed(1)}${approx ? '余' : ''} ${unit}`;
}

/** The change from last year: percentage points for rates, plain difference otherwise. */
export function formatChange(
  now: number | null,
  before: number | null,
  unit: string,
): { text: string; sign: -1 | 0 | 1 } {
  if (now === null || before === null) return { text: '无可比数据', sign: 0 };
  const d = now - before;
  const sign = d > 0 ? 1 : d < 0 ? -1 : 0;
  if (sign === 0) return { text: '与上年持平', sign };
  const abs = Math.abs(d);
  const amount =
    unit === '%'
      ? `${abs.toFixed(1)} 个百分点`
      : `${Number.isInteger(abs) ? abs.toLocaleString('zh-CN') : abs.toFixed(1)} ${unit}`;
  return { text: `${sign > 0 ? '增加' : '减少'} ${amount}`, sign };
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');
