import { Button, Card, Table } from 'antd';
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
