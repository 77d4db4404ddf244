import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Tooltip } from 'antd';
import type { IndicatorValue } from '../../api/types.ts';
import { formatChange, formatValue } from '../../lib/format.ts';

/** The figures a township's report leads with, in the order the report gives them. */
export const HEADLINE_KEYS = [
  'leadership.meetings',
  'study.sessions',
  'publicity.events',
  'publicity.audience',
  'disputes.found',
  'disputes.resolution_rate',
  'petitions.cases',
  'petitions.on_time_rate',
  'enforcement.inspections',
  'legal.reviews',
  'decisions.major',
  'disclosure.items',
] as const;

interface Props {
  readonly now: readonly IndicatorValue[] | undefined;
  readonly before: readonly IndicatorValue[] | undefined;
  readonly year: number;
  readonly onOpen: (key: string) => void;
}

/** One card per headline indicator: this year's value, last year's and the change. */
export function IndicatorCards({ now, before, year, onOpen }: Props) {
  if (!now) return <Skeleton active paragraph={{ rows: 4 }} />;
  const prev = new Map((before ?? []).map((v) => [v.key, v]));
  const cards = HEADLINE_KEYS.flatMap((k) => now.filter((v) => v.key === k));
  return (
    <Row gutter={[12, 12]} className="indicator-cards">
      {cards.map((v) => {
        const p = prev.get(v.key);
        const ch = formatChange(v.value, p?.value ?? null, v.unit);
        return (
          <Col key={v.key} xs={12} sm={8} lg={6} xl={4}>
            <Card
              size="small"
              hoverable
              onClick={() => onOpen(v.key)}
              data-key={v.key}
              className="indicator-card"
            >
              <Tooltip title={`${v.label}（点击查看依据记录）`}>
                <div className="indicator-label">{v.label}</div>
              </Tooltip>
              <div className="indicator-value" data-testid={`ind-${v.key}`}>
                {formatValue(v.value, v.unit)}
              </div>
              <div className={`indicator-change change-${ch.sign}`}>
                {ch.sign > 0 ? <ArrowUpOutlined /> : ch.sign < 0 ? <ArrowDownOutlined /> : null} {ch.text}
              </div>
              <div className="indicator-prev">
                {year - 1} 年：{formatValue(p?.value, v.unit)}
              </div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
