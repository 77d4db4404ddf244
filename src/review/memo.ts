/**
 * `f`, remembering its last argument and result: the readers of one document ask for the same
 * text derived from it (its lines, its simplified copy) again and again.
 */
export function rememberLast<T>(f: (text: string) => T): (text: string) => T {
  let last: { readonly text: string; readonly value: T } | undefined;
  return (text) => {
    if (last?.text !== text) last = { text, value: f(text) };
    return last.value;
  };
}
