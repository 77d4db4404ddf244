import { Button, Card, Grid, Pagination, Table } from 'antd';
import { useState } from 'react';
import type { IndicatorValue } from '../../api/types.ts';
import { formatChange, formatValue } from '../../lib/format.ts';

interface Row extends IndicatorValue {
  readonly prev: number | null;
}

/** Every indicator with last year's value; a click opens the records behind it. */
export function IndicatorTable(props: {
  now: readonly IndicatorValue[] | undefined;
  before: readonly IndicatorValue[] | undefined;
  year: number;
  onOpen: (key: string) => void;
}) {
  const prev = new Map((props.before ?? []).map((v) => [v.key, v.value]));
  const rows: Row[] = (props.now ?? []).map((v) => ({ ...v, prev: prev.get(v.key) ?? null }));
  // A phone has no room for four columns: each indicator becomes a line with its name on top.
  const narrow = Grid.useBreakpoint().sm === false;
  if (narrow)
    return <IndicatorList rows={rows} year={props.year} onOpen={props.onOpen} loading={!props.now} />;
  return (
    <Card size="small" title={`全部指标（${rows.length} 项）`}>
      <Table<Row>
        size="small"
        rowKey="key"
        loading={!props.now}
        dataSource={rows}
        pagination={{ pageSize: 8, size: 'small', showSizeChanger: false }}
        columns={[
          {
            title: '指标',
            dataIndex: 'label',
            ellipsis: true,
            render: (l: string, r) => (
              <Button type="link" size="small" className="link-cell" onClick={() => props.onOpen(r.key)}>
                {l}
              </Button>
            ),
          },
          {
            title: `${props.year} 年`,
            width: 110,
            align: 'right',
            render: (_, r) => formatValue(r.value, r.unit, r.approx === true),
          },
          {
            title: `${props.year - 1} 年`,
            width: 110,
            align: 'right',
            render: (_, r) => formatValue(r.prev, r.unit),
          },
          {
            title: '变化',
            width: 150,
            render: (_, r) => {
              const c = formatChange(r.value, r.prev, r.unit);
              return <span className={`change-${c.sign}`}>{c.text}</span>;
            },
          },
        ]}
      />
    </Card>
  );
}

const PAGE = 10;

/** The same indicators as a list for a phone: the name in full, then this year, last year and the change. */
function IndicatorList(props: {
  rows: readonly Row[];
  year: number;
  loading: boolean;
  onOpen: (key: string) => void;
}) {
  const [page, setPage] = useState(1);
  const shown = props.rows.slice((page - 1) * PAGE, page * PAGE);
  return (
    <Card size="small" title={`全部指标（${props.rows.length} 项）`} loading={props.loading}>
      <ul className="indicator-list" aria-label="全部指标">
        {shown.map((r) => {
          const c = formatChange(r.value, r.prev, r.unit);
          return (
            <li key={r.key} className="indicator-item">
              <Button type="link" className="indicator-item-name" onClick={() => props.onOpen(r.key)}>
                {r.label}
              </Button>
              <div className="indicator-item-figures">
                <span>
                  {props.year} 年 <b>{formatValue(r.value, r.unit, r.approx === true)}</b>
                </span>
                <span>
                  {props.year - 1} 年 {formatValue(r.prev, r.unit)}
                </span>
                <span className={`change-${c.sign}`}>{c.text}</span>
              </div>
            </li>
          );
        })}
      </ul>
      {props.rows.length > PAGE && (
        <Pagination
          size="small"
          simple
          align="center"
          current={page}
          pageSize={PAGE}
          total={props.rows.length}
          onChange={setPage}
        />
      )}
    </Card>
  );
}
