/**
 * Outliers among townships for one indicator: a value more than 1.5 standard deviations from the
 * county mean. Needs at least three townships with a value; a spread of zero marks nothing.
 */
export function outliers(values: readonly (number | null)[]): ('high' | 'low' | null)[] {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length < 3) return values.map(() => null);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
  if (sd === 0) return values.map(() => null);
  return values.map((v) =>
    v === null ? null : (v - mean) / sd > 1.5 ? 'high' : (v - mean) / sd < -1.5 ? 'low' : null,
  );
}
