import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { OtherYearNote } from './OtherYearNote.tsx';
import { api, errorText } from '../../api/client.ts';
import type { ColumnMapping, ImportIssue, ImportReport, SheetSummary } from '../../api/types.ts';

/** A person's choice of columns, by sheet: what POST /api/imports takes as `layout`. */
type Layout = Record<string, { kind: string; columns: Record<string, string> }>;

/** Sheets in the township's own layout that a person has not mapped before: shown for confirming. */
const toConfirm = (r: ImportReport): SheetSummary[] =>
  r.sheets.filter((s) => s.mapping && s.layout && s.layout.source !== 'remembered');

/** The choice a report's reading amounts to: each placed or set-aside column as it was read. */
function layoutOf(r: ImportReport): Layout {
  const out: Layout = {};
  for (const s of toConfirm(r)) {
    const columns: Record<string, string> = {};
    for (const m of s.mapping ?? [])
      if (m.id && m.id !== 'seq') columns[m.column] = m.id;
      else if (m.id === 'seq') columns[m.column] = 'ignore';
    out[s.sheet] = { kind: s.kind, columns };
  }
  return out;
}

/** One sheet's columns with the field each is imported as, each changeable. */
function MappingEditor(props: {
  sheet: SheetSummary;
  layout: Layout;
  onChange: (letter: string, id: string) => void;
}) {
  const { sheet } = props;
  const chosen = props.layout[sheet.sheet]?.columns ?? {};
  const options = [
    { value: 'ignore', label: '不导入' },
    ...(sheet.choices ?? []).map((c) => ({
      value: c.id,
      label: c.required ? `${c.label}（必填）` : c.label,
    })),
  ];
  return (
    <div className="import-mapping">
      <div className="import-mapping-title">
        “{sheet.sheet}”按原表格式读取为{sheet.kindLabel}（{sheet.rows}{' '}
        行）。请核对每一列导入为哪一项，确认后导入； 同样格式的表格下次将直接导入。
      </div>
      <Table<ColumnMapping>
        size="small"
        rowKey="column"
        dataSource={sheet.mapping ?? []}
        pagination={false}
        columns={[
          { title: '列', dataIndex: 'column', width: 50 },
          { title: '原表列名', dataIndex: 'header' },
          {
            title: '导入为',
            width: 260,
            render: (_, m) => (
              <Select
                size="small"
                className="import-mapping-select"
                aria-label={`第 ${m.column} 列“${m.header}”导入为`}
                placeholder="请选择"
                value={chosen[m.column]}
                options={options}
                onChange={(v: string) => props.onChange(m.column, v)}
                style={{ width: '100%' }}
              />
            ),
          },
          {
            title: '识别',
            width: 90,
            render: (_, m) => {
              const now = chosen[m.column];
              const read = m.id === 'seq' ? 'ignore' : m.id;
              if (now === undefined) return <Tag color="red">请选择</Tag>;
              if (now !== read) return <Tag color="blue">已修改</Tag>;
              return m.confidence < 0.9 ? <Tag color="orange">请核对</Tag> : <Tag color="green">确定</Tag>;
            },
          },
        ]}
      />
    </div>
  );
}

/**
 * Upload an .xlsx/.csv/.docx ledger. A file in the template's layout, or in a layout the township
 * has mapped before, imports at once; one in the township's own new layout is first read without
 * writing, each column shown with the field it is imported as, and imported once a person
 * confirms (the layout is then remembered). On any error nothing is written and each problem is
 * listed with its place.
 */
export function ImportModal(props: {
  open: boolean;
  township: number;
  kind: string;
  onClose: () => void;
  onImported: () => void;
  /** The year the ledger shows; rows imported for other years say where they went. */
  year: number;
  onYear: (y: number) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [layout, setLayout] = useState<Layout>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (f: File, opts: { dryRun: boolean; layout?: Layout }) =>
    api<ImportReport>('/api/imports', {
      file: f,
      query: {
        township: props.township,
        kind: props.kind,
        ...(opts.dryRun ? { dryRun: 'true' } : {}),
        ...(opts.layout && Object.keys(opts.layout).length > 0
          ? { layout: JSON.stringify(opts.layout) }
          : {}),
      },
    });

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const finish = (r: ImportReport) => {
    setReport(r);
    if (r.errors.length === 0 && r.inserted > 0) props.onImported();
  };

  const upload = (f: File) =>
    run(async () => {
      setFile(f);
      setReport(null);
      const dry = await send(f, { dryRun: true });
      // The template, or a layout mapped before: nothing to confirm.
      if (toConfirm(dry).length === 0 && dry.errors.length === 0) {
        finish(await send(f, { dryRun: false }));
        return;
      }
      setLayout(layoutOf(dry));
      setReport(dry);
    });

  const recheck = () =>
    run(async () => {
      if (file) setReport(await send(file, { dryRun: true, layout }));
    });
  const confirm = () =>
    run(async () => {
      if (file) finish(await send(file, { dryRun: false, layout }));
    });

  const close = () => {
    setReport(null);
    setFile(null);
    setError(null);
    props.onClose();
  };

  const confirming = report?.dryRun === true && toConfirm(report).length > 0;
  return (
    <Modal title="导入台账表格" open={props.open} onCancel={close} footer={null} width={820} destroyOnHidden>
      <Upload.Dragger
        accept=".xlsx,.csv,.docx"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(f) => {
          void upload(f);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>点击或将 Excel（.xlsx）、CSV 或含台账表格的 Word（.docx）文件拖到此处</p>
        <p className="ant-upload-hint">
          可用系统模板，也可直接导入本乡镇原有的台账表格；整个文件要么全部导入，要么一行也不写入；重复导入的行会被跳过。
        </p>
      </Upload.Dragger>
      {busy && <Alert className="form-alert" type="info" showIcon title="正在读取……" />}
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      {report && !report.dryRun && report.errors.length === 0 && (
        <Alert
          className="form-alert"
          type="success"
          showIcon
          title={`已导入 ${report.inserted} 行${report.skipped ? `，跳过已有的 ${report.skipped} 行` : ''}（共 ${report.rows} 行）`}
          description={(report.years ?? [])
            .filter((y) => y !== props.year)
            .map((y) => (
              <OtherYearNote key={y} what="部分记录已导入" year={y} onSwitch={() => props.onYear(y)} />
            ))}
        />
      )}
      {confirming &&
        toConfirm(report).map((s) => (
          <MappingEditor
            key={s.sheet}
            sheet={s}
            layout={layout}
            onChange={(letter, id) =>
              setLayout((l) => ({
                ...l,
                [s.sheet]: { kind: s.kind, columns: { ...(l[s.sheet]?.columns ?? {}), [letter]: id } },
              }))
            }
          />
        ))}
      {confirming && (
        <Space className="import-confirm">
          <Button onClick={() => void recheck()} loading={busy}>
            按此对应重新检查
          </Button>
          <Button
            type="primary"
            disabled={report.errors.length > 0}
            onClick={() => void confirm()}
            loading={busy}
          >
            确认导入{report.errors.length === 0 ? ` ${report.inserted} 行` : ''}
          </Button>
        </Space>
      )}
      {report && report.errors.length > 0 && (
        <>
          <Alert
            className="form-alert import-errors"
            type="error"
            showIcon
            title={
              confirming
                ? `有 ${report.errors.length} 处需要处理，处理前不会导入：可在上表指明各列对应的项目后重新检查，或修改表格后重新导入`
                : `文件有 ${report.errors.length} 处错误，未导入任何行；请修改后重新导入`
            }
          />
          <Table<ImportIssue>
            size="small"
            rowKey={(i) => `${i.sheet}:${i.row ?? ''}:${i.column ?? ''}:${i.message}`}
            dataSource={report.errors}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: '工作表', dataIndex: 'sheet', width: 130 },
              { title: '行', dataIndex: 'row', width: 60 },
              { title: '列', dataIndex: 'column', width: 110 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
