/**
 * The index of the first element of `xs` for which `holds` is true, `xs` being ordered so that it
 * is false up to some index and true from there on (`xs.length` when it never holds). A binary
 * search: the reviewer's lookups of clause ends, page furniture, table cells and earlier figures
 * stay O(log n) however long a crafted text runs.
 */
export function firstWhere<T>(xs: readonly T[], holds: (x: T) => boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(xs[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
