import { Card, Col, Row, Table, Tabs, Tag } from 'antd';
import { ROLE_LABEL, type FigureRole } from '../../../../src/review/figure-role.ts';
import type { IndicatorInfo } from '../../api/types.ts';
import { HighlightedText, type Mark } from './HighlightedText.tsx';
import type { Finding, ReviewFigure, ReviewResult, Severity, Similarity } from './types.ts';

/** Roles outside the report's year stand out; their figures are not the year's (nor compared). */
const ROLE_COLOR: Partial<Record<FigureRole, string>> = {
  plan: 'purple',
  change: 'cyan',
  previous: 'default',
  span: 'geekblue',
};

const SEVERITY: Record<Severity, { label: string; color: string }> = {
  error: { label: '错误', color: 'red' },
  warning: { label: '警告', color: 'orange' },
  info: { label: '提示', color: 'blue' },
};

const PARTS: readonly [string, string][] = [
  ['measures', '举措和成效'],
  ['shortcomings', '存在的不足'],
  ['causes', '不足的原因'],
  ['leaderDuty', '第一责任人履职'],
  ['nextYear', '下一年度安排'],
  ['other', '其他情况'],
];

function marksOf(r: ReviewResult): Mark[] {
  return [
    ...r.findings
      .filter((f) => f.text)
      .flatMap((f) =>
        [f.start, ...(f.also ?? [])].map((start) => ({
          start,
          end: start + f.text.length,
          cls: f.severity,
          note: f.message,
        })),
      ),
    ...r.similarity.flatMap((s) =>
      s.passages.map((p) => ({ start: p.start, end: p.end, cls: 'copied', note: `与《${s.other}》相同` })),
    ),
  ];
}

/** One reviewed report: required parts, findings, the text highlighted, figures, passages shared with others. */
export function ReviewResultView({
  r,
  indicators,
}: {
  r: ReviewResult;
  indicators: readonly IndicatorInfo[];
}) {
  const label = (k: string) => indicators.find((i) => i.key === k)?.label ?? (k === 'other' ? '其他数据' : k);
  return (
    <div className="review-result">
      <div className="review-head">
        <b>{r.title || r.file}</b> {r.org && <Tag>{r.org}</Tag>} {r.year && <Tag>{r.year} 年度</Tag>}
        <span className="review-parts">
          {PARTS.map(([k, l]) => (
            <Tag key={k} color={r.parts[k] ? 'green' : 'red'}>
              {r.parts[k] ? '✓' : '✗'} {l}
            </Tag>
          ))}
        </span>
      </div>
      <Row gutter={12}>
        <Col xs={24} xl={14}>
          <Card size="small" title="报告原文（标出问题和雷同段落）">
            <HighlightedText text={r.text} marks={marksOf(r)} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Tabs
            size="small"
            items={[
              {
                key: 'f',
                label: `问题（${r.findings.length}）`,
                children: (
                  <Table<Finding>
                    size="small"
                    className="findings-table"
                    rowKey={(f) => `${f.rule}:${f.start}:${f.message}`}
                    dataSource={r.findings}
                    pagination={{ pageSize: 12, hideOnSinglePage: true }}
                    columns={[
                      {
                        title: '级别',
                        dataIndex: 'severity',
                        width: 64,
                        render: (s: Severity) => <Tag color={SEVERITY[s].color}>{SEVERITY[s].label}</Tag>,
                      },
                      { title: '问题', dataIndex: 'message' },
                    ]}
                  />
                ),
              },
              {
                key: 'n',
                label: `数据（${r.figures.length}）`,
                children: (
                  <Table<ReviewFigure>
                    size="small"
                    rowKey={(f) => `${f.start}`}
                    dataSource={r.figures}
                    pagination={{ pageSize: 12, hideOnSinglePage: true }}
                    columns={[
                      { title: '指标', dataIndex: 'key', ellipsis: true, render: (k: string) => label(k) },
                      {
                        title: '数值',
                        width: 110,
                        render: (_, f) => `${f.qualifier ?? ''}${f.value}${f.unit}`,
                      },
                      {
                        title: '口径',
                        width: 96,
                        render: (_, f) => {
                          const role = f.role ?? 'current';
                          const color = ROLE_COLOR[role];
                          return color ? <Tag color={color}>{ROLE_LABEL[role]}</Tag> : ROLE_LABEL[role];
                        },
                      },
                      { title: '原文', dataIndex: 'text', ellipsis: true },
                    ]}
                  />
                ),
              },
              {
                key: 's',
                label: `雷同（${r.similarity.filter((s) => s.passages.length).length}）`,
                children: (
                  <Table<Similarity>
                    size="small"
                    rowKey="other"
                    dataSource={r.similarity.filter((s) => s.passages.length)}
                    pagination={false}
                    locale={{ emptyText: '未发现与其他报告雷同的段落（同时上传多份报告才能比对）' }}
                    expandable={{
                      expandedRowRender: (s) => (
                        <ol className="passages">
                          {s.passages.map((p) => (
                            <li key={p.start}>{p.text}</li>
                          ))}
                        </ol>
                      ),
                    }}
                    columns={[
                      { title: '另一份报告', dataIndex: 'other', ellipsis: true },
                      {
                        title: '相同比例',
                        dataIndex: 'shared',
                        width: 90,
                        render: (x: number) => `${(x * 100).toFixed(1)}%`,
                      },
                      { title: '段落', width: 60, render: (_, s) => s.passages.length },
                    ]}
                  />
                ),
              },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}
