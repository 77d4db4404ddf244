import { FileWordOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Row, Select, Space, Typography } from 'antd';
import { useState, type MouseEvent } from 'react';
import { download, errorText, send } from '../../api/client.ts';
import { ExplainDrawer, type ExplainTarget } from '../../components/ExplainDrawer.tsx';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { parseReport, type ParsedReport } from './parseReport.ts';
import { ReportTabs } from './ReportTabs.tsx';
import './report.css';

/** Generate the annual report draft from the ledger, preview it with linked figures, download the .docx. */
export default function ReportPage() {
  const ws = useWorkspace();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<number>();
  const [report, setReport] = useState<(ParsedReport & { org: number; year: number }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [explain, setExplain] = useState<ExplainTarget | null>(null);
  const orgId = chosen ?? (ws.org?.kind === 'township' ? ws.org.id : ws.townships[0]?.id);
  const org = ws.orgs.find((o) => o.id === orgId);

  const generate = async () => {
    if (!orgId) return;
    setBusy(true);
    setError(null);
    try {
      const res = await send('/api/report', { query: { org: orgId, year: ws.year, format: 'html' } });
      setReport({ ...parseReport(await res.text()), org: orgId, year: ws.year });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const onPreviewClick = (e: MouseEvent<HTMLDivElement>) => {
    const fig = (e.target as HTMLElement).closest<HTMLElement>('.fig[data-key], tr[id^="ind-"] .fig');
    if (!fig || !report) return;
    e.preventDefault();
    const key = fig.dataset.key ?? fig.closest('tr')?.id.slice(4);
    if (key) setExplain({ key, org: report.org, year: report.year });
  };

  return (
    <div className="report-page">
      <ReportTabs />
      <div className="page-title">
        <Typography.Title level={4}>年度报告</Typography.Title>
      </div>
      <Card size="small" className="report-controls">
        <Space wrap>
          <Select
            aria-label="乡镇"
            style={{ width: 180 }}
            value={orgId}
            onChange={setChosen}
            options={(ws.org?.kind === 'township' ? [ws.org] : ws.townships).map((o) => ({
              value: o.id,
              label: o.name,
            }))}
          />
          <span>{ws.year} 年度（在页头切换年度）</span>
          <Button
            type="primary"
            icon={<ThunderboltOutlined />}
            loading={busy}
            onClick={() => void generate()}
          >
            生成报告
          </Button>
          <Button
            icon={<FileWordOutlined />}
            disabled={!report}
            onClick={() =>
              report &&
              void download('/api/report', `${org?.name ?? ''}${report.year}年度法治政府建设情况报告.docx`, {
                query: { org: report.org, year: report.year, format: 'docx' },
              }).catch((e: unknown) => void message.error(errorText(e)))
            }
          >
            下载 Word（.docx）
          </Button>
        </Space>
      </Card>
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      {!report ? (
        <Empty
          className="report-empty"
          description="选择乡镇和年度后点击“生成报告”，报告草稿按法定五部分结构由台账数据生成"
        />
      ) : (
        <Row gutter={12}>
          <Col xs={24} xl={17}>
            <Card size="small" title={`预览（${report.figures} 处数据可点击查看依据记录）`}>
              <div
                className="report-preview"
                onClick={onPreviewClick}
                dangerouslySetInnerHTML={{ __html: report.body }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={7}>
            <Card size="small" title={`待补充事项（${report.placeholders.length}）`} className="placeholders">
              {report.placeholders.length === 0 ? (
                <Typography.Text type="secondary">台账数据完整，没有需要补充的事项</Typography.Text>
              ) : (
                <ol>
                  {report.placeholders.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ol>
              )}
            </Card>
          </Col>
        </Row>
      )}
      <ExplainDrawer target={explain} onClose={() => setExplain(null)} />
    </div>
  );
}
