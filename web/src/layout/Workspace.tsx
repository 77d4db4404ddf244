import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { itemsOf } from '../api/client.ts';
import type { Org } from '../api/types.ts';
import { useUser } from '../auth/AuthProvider.tsx';
import { useApi } from '../lib/useApi.ts';
import { chinaToday, chinaYear } from '../lib/dates.ts';

/** The organisation and year every page works on, chosen in the header. */
interface WorkspaceState {
  readonly orgs: readonly Org[];
  /** The chosen township or county. */
  readonly org: Org | undefined;
  readonly setOrgId: (id: number) => void;
  readonly year: number;
  readonly setYear: (y: number) => void;
  readonly townships: readonly Org[];
  /** Villages and departments of the chosen township. */
  readonly subOrgs: readonly Org[];
  readonly orgName: (id: number | null) => string;
  /** Reads the organisation tree again (after one was added). */
  readonly reloadOrgs: () => void;
}

const WorkspaceContext = createContext<WorkspaceState | null>(null);

/** Pages about the annual report (the township's report, the county's reporting cycle). */
const isReportPage = (path: string): boolean => /^\/(report|cycle)(\/|$)/.test(path);

/**
 * The year a page opens on until one is chosen in the header: the current year in China; on the
 * report pages, from January to April (reports on the last year are due by the end of March and
 * published after), the previous year.
 */
export function defaultYear(path: string): number {
  const today = chinaToday();
  return isReportPage(path) && today.month() < 4 ? today.year() - 1 : chinaYear();
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const { data, reload: reloadOrgs } = useApi<unknown>('/api/orgs');
  const orgs = useMemo(() => itemsOf<Org>(data), [data]);
  const [orgId, setOrgId] = useState<number>(() =>
    Number(sessionStorage.getItem(`fazhi.org.${user.id}`) ?? user.orgId),
  );
  // A year chosen in the header holds on every page for the session; until then each page's default.
  const [chosen, setChosen] = useState<number | null>(() => {
    const y = Number(sessionStorage.getItem('fazhi.year'));
    return Number.isInteger(y) && y > 0 ? y : null;
  });
  const { pathname } = useLocation();
  const year = chosen ?? defaultYear(pathname);
  const setYear = (y: number) => {
    sessionStorage.setItem('fazhi.year', String(y));
    setChosen(y);
  };

  useEffect(() => sessionStorage.setItem(`fazhi.org.${user.id}`, String(orgId)), [orgId, user.id]);

  const value = useMemo<WorkspaceState>(() => {
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const org = byId.get(orgId) ?? byId.get(user.orgId);
    return {
      orgs,
      org,
      setOrgId,
      year,
      setYear,
      townships: orgs.filter((o) => o.kind === 'township'),
      subOrgs: org
        ? orgs.filter((o) => o.parentId === org.id && (o.kind === 'village' || o.kind === 'department'))
        : [],
      orgName: (id) => (id === null ? '' : (byId.get(id)?.name ?? `#${id}`)),
      reloadOrgs,
    };
  }, [orgs, orgId, year, user.orgId, reloadOrgs]);

  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): WorkspaceState {
  const c = useContext(WorkspaceContext);
  if (!c) throw new Error('useWorkspace outside WorkspaceProvider');
  return c;
}
