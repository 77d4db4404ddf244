/**
 * Data scope: which organisations a caller may read or write. Repositories turn it into a
 * parameterised predicate on the org tree's materialised path; it is never spliced into SQL text.
 */
export type Scope = { readonly all: true } | { readonly path: string };

export const ALL: Scope = { all: true };

/** Scope of one organisation and everything below it. */
export function subtree(path: string): Scope {
  return { path };
}
