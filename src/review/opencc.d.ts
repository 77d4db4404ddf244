/**
 * The parts of opencc-js the reviewer uses. The package's own declarations import './core'
 * without an extension, which NodeNext resolution cannot follow, so they are restated here.
 */
declare module 'opencc-js/t2cn' {
  export function Converter(options: { from: string; to: string }): (text: string) => string;
}
declare module 'opencc-js/preset/t2cn' {
  /** Dictionaries by target locale: groups of "繁 简|…" strings or [traditional, simplified] pairs. */
  export const to: Readonly<
    Record<string, readonly (readonly (string | readonly (readonly [string, string])[])[])[]>
  >;
}
declare module 'opencc-js/cn2t' {
  export function Converter(options: { from: string; to: string }): (text: string) => string;
}
