import { useEffect, useState } from 'react';
import { api, itemsOf } from '../api/client.ts';
import type { CaseTypeInfo } from '../api/types.ts';

let cached: Promise<readonly CaseTypeInfo[]> | null = null;

/** The case types (GET /api/catalogue/cases): states, steps and who takes them, clocks with their basis. Loaded once per page load. */
export function useCaseCatalogue(): {
  types: readonly CaseTypeInfo[] | undefined;
  error: string | undefined;
} {
  const [types, setTypes] = useState<readonly CaseTypeInfo[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    cached ??= api<unknown>('/api/catalogue/cases')
      .then((x) => itemsOf<CaseTypeInfo>(x))
      .catch((e: unknown) => {
        cached = null;
        throw e;
      });
    let live = true;
    cached.then(
      (x) => live && setTypes(x),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);
  return { types, error };
}
