import { useEffect, useState } from 'react';
import { api, itemsOf } from '../api/client.ts';
import type { IndicatorInfo, RecordKind, RoleInfo } from '../api/types.ts';

/** The server's catalogue: record kinds (forms and tables are generated from them), indicators, roles, groups. */
export interface Catalogue {
  readonly kinds: readonly RecordKind[];
  readonly indicators: readonly IndicatorInfo[];
  readonly roles: readonly RoleInfo[];
  readonly groups: Readonly<Record<string, string>>;
  readonly kind: (id: string) => RecordKind | undefined;
  readonly roleLabel: (id: string) => string;
}

let cached: Promise<Catalogue> | null = null;

async function load(): Promise<Catalogue> {
  const [k, i, r] = await Promise.all([
    api<{ groups: Record<string, string> }>('/api/catalogue/kinds'),
    api<unknown>('/api/catalogue/indicators'),
    api<unknown>('/api/catalogue/roles').catch(() => []),
  ]);
  const kinds = itemsOf<RecordKind>(k, 'kinds');
  const roles = itemsOf<RoleInfo>(r, 'roles');
  const byId = new Map(kinds.map((x) => [x.id, x]));
  return {
    kinds,
    indicators: itemsOf<IndicatorInfo>(i, 'indicators'),
    roles,
    groups: k.groups,
    kind: (id) => byId.get(id),
    roleLabel: (id) => roles.find((x) => x.id === id)?.label ?? id,
  };
}

/** The catalogue, loaded once per page load. */
export function useCatalogue(): Catalogue | undefined {
  const [c, setC] = useState<Catalogue>();
  useEffect(() => {
    cached ??= load().catch((e: unknown) => {
      cached = null;
      throw e;
    });
    let live = true;
    cached.then(
      (x) => live && setC(x),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return c;
}
