import { Col, Row } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { IndicatorValue, Org } from '../../api/types.ts';
import { ExplainDrawer, type ExplainTarget } from '../../components/ExplainDrawer.tsx';
import { useApi } from '../../lib/useApi.ts';
import { DueCases } from './DueCases.tsx';
import { IndicatorCards } from './IndicatorCards.tsx';
import { RankingChart } from './RankingChart.tsx';
import { StudyPlanCard } from './StudyPlanCard.tsx';
import { TownshipMatrix, type TownshipFigures } from './TownshipMatrix.tsx';

type Answer = { indicators: readonly IndicatorValue[] };

/** The county office's view: county totals, each township's figures side by side, a ranking. */
export function CountyDashboard({
  county,
  townships,
  year,
}: {
  county: Org;
  townships: readonly Org[];
  year: number;
}) {
  const now = useApi<Answer>('/api/indicators', { query: { org: county.id, year } });
  const before = useApi<Answer>('/api/indicators', { query: { org: county.id, year: year - 1 } });
  const [rows, setRows] = useState<TownshipFigures[]>();
  const [explain, setExplain] = useState<ExplainTarget | null>(null);

  useEffect(() => {
    let live = true;
    setRows(undefined);
    void Promise.all(
      townships.map(async (org) => {
        const a = await api<Answer>('/api/indicators', { query: { org: org.id, year } });
        return { org, values: new Map(a.indicators.map((v) => [v.key, v])) };
      }),
    ).then((r) => live && setRows(r));
    return () => {
      live = false;
    };
  }, [townships, year]);

  return (
    <>
      <IndicatorCards
        now={now.data?.indicators}
        before={before.data?.indicators}
        year={year}
        onOpen={(key) => setExplain({ key, org: county.id, year })}
      />
      <div className="dash-row">
        <TownshipMatrix
          rows={rows ?? []}
          loading={!rows}
          onOpen={(org, key) => setExplain({ key, org, year })}
        />
      </div>
      <Row gutter={[12, 12]} className="dash-row">
        <Col xs={24} xl={12}>
          <RankingChart rows={rows ?? []} />
        </Col>
        <Col xs={24} xl={12}>
          <DueCases org={county.id} byTownship />
          <StudyPlanCard org={county.id} year={year} own="县本级" />
        </Col>
      </Row>
      <ExplainDrawer target={explain} onClose={() => setExplain(null)} />
    </>
  );
}
