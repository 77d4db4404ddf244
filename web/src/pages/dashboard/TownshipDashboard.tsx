import { Col, Row } from 'antd';
import { useState } from 'react';
import type { IndicatorValue, Org } from '../../api/types.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { ExplainDrawer, type ExplainTarget } from '../../components/ExplainDrawer.tsx';
import { useApi } from '../../lib/useApi.ts';
import { ActivityChart } from './ActivityChart.tsx';
import { DueCases } from './DueCases.tsx';
import { IndicatorCards } from './IndicatorCards.tsx';
import { IndicatorTable } from './IndicatorTable.tsx';
import { MissingEvidence } from './MissingEvidence.tsx';
import { StudyPlanCard } from './StudyPlanCard.tsx';

type Answer = { indicators: readonly IndicatorValue[] };

/** A township's year at a glance: headline figures against last year, monthly work, deadlines, gaps. */
export function TownshipDashboard({ org, year }: { org: Org; year: number }) {
  const cat = useCatalogue();
  const now = useApi<Answer>('/api/indicators', { query: { org: org.id, year } });
  const before = useApi<Answer>('/api/indicators', { query: { org: org.id, year: year - 1 } });
  const [explain, setExplain] = useState<ExplainTarget | null>(null);

  const open = (key: string) => setExplain({ key, org: org.id, year });
  return (
    <>
      <IndicatorCards now={now.data?.indicators} before={before.data?.indicators} year={year} onOpen={open} />
      <Row gutter={[12, 12]} className="dash-row">
        <Col xs={24} xl={14}>
          <ActivityChart org={org.id} year={year} />
        </Col>
        <Col xs={24} xl={10}>
          <DueCases org={org.id} />
        </Col>
      </Row>
      <Row gutter={[12, 12]} className="dash-row">
        <Col xs={24} xl={14}>
          <IndicatorTable
            now={now.data?.indicators}
            before={before.data?.indicators}
            year={year}
            onOpen={open}
          />
        </Col>
        <Col xs={24} xl={10}>
          <MissingEvidence org={org.id} year={year} cat={cat} />
          <StudyPlanCard org={org.id} year={year} />
        </Col>
      </Row>
      <ExplainDrawer target={explain} onClose={() => setExplain(null)} />
    </>
  );
}
