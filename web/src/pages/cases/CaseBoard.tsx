import { Badge, Empty, Spin } from 'antd';
import type { CaseTypeInfo } from '../../api/types.ts';
import { CaseCard } from './CaseCard.tsx';
import type { CaseSummary } from './types.ts';

/** One column per state of the case type, in the declared order. */
export function CaseBoard({
  type,
  cases,
  loading,
  onOpen,
}: {
  type: CaseTypeInfo;
  cases: readonly CaseSummary[];
  loading: boolean;
  onOpen: (id: number) => void;
}) {
  if (loading && cases.length === 0) return <Spin className="page-spin" />;
  return (
    <div className="case-board">
      {type.states.map((s) => {
        const here = cases.filter((c) => c.state === s.id);
        return (
          <section key={s.id} className="case-column" aria-label={s.label}>
            <header>
              {s.label} <Badge count={here.length} showZero color={here.length ? '#b8262d' : '#bbb'} />
            </header>
            <div className="case-column-body">
              {here.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" />
              ) : (
                here.map((c) => <CaseCard key={c.id} c={c} onOpen={onOpen} />)
              )}
            </div>
          </section>
        );
      })}
    </div>
  );
}
