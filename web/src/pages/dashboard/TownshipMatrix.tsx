import { Card, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { IndicatorValue, Org } from '../../api/types.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { formatValue } from '../../lib/format.ts';
import { HEADLINE_KEYS } from './IndicatorCards.tsx';
import { outliers } from './outliers.ts';

export interface TownshipFigures {
  readonly org: Org;
  readonly values: ReadonlyMap<string, IndicatorValue>;
}

interface Row {
  readonly key: number;
  readonly name: string;
  readonly cells: Readonly<Record<string, { v: IndicatorValue | undefined; mark: 'high' | 'low' | null }>>;
}

/** Townships × headline indicators, with values far from the county mean marked. */
export function TownshipMatrix({
  rows,
  loading,
  onOpen,
}: {
  rows: readonly TownshipFigures[];
  loading: boolean;
  onOpen: (org: number, key: string) => void;
}) {
  const cat = useCatalogue();
  const marks = new Map(
    HEADLINE_KEYS.map((k) => [k, outliers(rows.map((r) => r.values.get(k)?.value ?? null))]),
  );
  const data: Row[] = rows.map((r, i) => ({
    key: r.org.id,
    name: r.org.name,
    cells: Object.fromEntries(
      HEADLINE_KEYS.map((k) => [k, { v: r.values.get(k), mark: marks.get(k)?.[i] ?? null }]),
    ),
  }));
  const label = (k: string) =>
    cat?.indicators.find((i) => i.key === k)?.label ?? rows[0]?.values.get(k)?.label ?? '';
  const columns: ColumnsType<Row> = [
    { title: '乡镇（街道）', dataIndex: 'name', fixed: 'left', width: 110 },
    ...HEADLINE_KEYS.map((k) => ({
      title: <Tooltip title={label(k)}>{label(k)}</Tooltip>,
      key: k,
      width: 118,
      ellipsis: { showTitle: false },
      align: 'right' as const,
      render: (_: unknown, r: Row) => {
        const c = r.cells[k];
        if (!c?.v) return '—';
        const cls = c.mark ? `outlier outlier-${c.mark}` : '';
        const tip =
          c.mark === 'high' ? '明显高于全县平均' : c.mark === 'low' ? '明显低于全县平均' : undefined;
        return (
          <Tooltip title={tip}>
            <span
              role="button"
              tabIndex={0}
              className={`matrix-cell ${cls}`}
              onClick={() => onOpen(r.key, k)}
            >
              {formatValue(c.v.value, c.v.unit)}
            </span>
          </Tooltip>
        );
      },
    })),
  ];
  return (
    <Card
      size="small"
      title="乡镇指标对比"
      extra={
        <span className="legend-note">
          <span className="outlier outlier-low">偏低</span> <span className="outlier outlier-high">偏高</span>
          （偏离全县平均 1.5 个标准差以上）
        </span>
      }
    >
      <Table<Row>
        size="small"
        loading={loading}
        dataSource={data}
        columns={columns}
        pagination={false}
        scroll={{ x: 1500 }}
      />
    </Card>
  );
}
