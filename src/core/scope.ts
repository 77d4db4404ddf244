/**
 * Data scope: which organisations a caller may read or write. Repositories turn it into a
 * parameterised predicate on the org tree's materialised path; it is never spliced into SQL text.
 * With `author`, only the ledger records (and the cases on them) that user entered are in scope:
 * a grid member sees its own reports, not the township's.
 */
export type Scope = { readonly all: true } | { readonly path: string; readonly author?: number };

export const ALL: Scope = { all: true };

/** Scope of one organisation and everything below it. */
export function subtree(path: string): Scope {
  return { path };
}

/** Scope of the records one user entered within an organisation's subtree. */
export function authoredIn(path: string, author: number): Scope {
  return { path, author };
}
