import { Badge, Button, Empty, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { itemsOf } from '../../api/client.ts';
import type { CaseTypeInfo } from '../../api/types.ts';
import { useApi } from '../../lib/useApi.ts';
import { CaseCard } from './CaseCard.tsx';
import type { CaseSummary } from './types.ts';

/** Cards a column loads at first and at each 加载更多. */
const STEP = 20;

/** The list's filters without the state (each column is one). */
export type BoardQuery = Readonly<Record<string, string | number | undefined>>;

/** One state's column: its real count, the first cards, more on demand. */
function BoardColumn({
  label,
  query,
  reloadKey,
  orgName,
  onOpen,
}: {
  label: string;
  query: BoardQuery;
  reloadKey: number;
  orgName: ((id: number) => string) | null;
  onOpen: (id: number) => void;
}) {
  const [limit, setLimit] = useState(STEP);
  const key = JSON.stringify(query);
  useEffect(() => setLimit(STEP), [key]);
  const list = useApi<unknown>('/api/cases', { query: { ...query, limit } });
  const { reload } = list;
  useEffect(() => {
    if (reloadKey > 0) reload();
  }, [reloadKey, reload]);
  const cases = itemsOf<CaseSummary>(list.data);
  const total = (list.data as { total?: number } | undefined)?.total ?? 0;
  return (
    <section className="case-column" aria-label={label}>
      <header>
        {label}{' '}
        <Badge
          count={total}
          overflowCount={Number.MAX_SAFE_INTEGER}
          showZero
          color={total ? '#b8262d' : '#bbb'}
          className="case-column-count"
        />
      </header>
      <div className="case-column-body">
        {list.loading && cases.length === 0 ? (
          <Spin />
        ) : cases.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" />
        ) : (
          cases.map((c) => <CaseCard key={c.id} c={c} township={orgName?.(c.townshipId)} onOpen={onOpen} />)
        )}
        {cases.length < total && (
          <Button
            size="small"
            loading={list.loading}
            onClick={() => setLimit((l) => Math.min(500, l + STEP))}
            className="case-column-more"
          >
            加载更多（还有 {total - cases.length} 件）
          </Button>
        )}
      </div>
    </section>
  );
}

/** One column per state of the case type, in the declared order; each loads its own cases. */
export function CaseBoard({
  type,
  query,
  state,
  reloadKey,
  orgName,
  onOpen,
}: {
  type: CaseTypeInfo;
  query: BoardQuery;
  /** A state chosen in the filters: only its column. */
  state: string | undefined;
  reloadKey: number;
  /** The township of each card (county users); null for a township. */
  orgName: ((id: number) => string) | null;
  onOpen: (id: number) => void;
}) {
  return (
    <div className="case-board">
      {type.states
        .filter((s) => state === undefined || s.id === state)
        .map((s) => (
          <BoardColumn
            key={s.id}
            label={s.label}
            query={{ ...query, state: s.id }}
            reloadKey={reloadKey}
            orgName={orgName}
            onOpen={onOpen}
          />
        ))}
    </div>
  );
}
