import { AimOutlined, BorderOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Input, Space, Typography } from 'antd';
import { Fragment, useState, type ReactNode } from 'react';
import { ApiError, api, errorText } from '../../api/client.ts';
import type { CycleDraft, CycleReport, ReportModel } from '../../api/types.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { ParagraphNotes, type Noting } from './ParagraphNotes.tsx';

type Para = CycleDraft['paragraphs'][number];
type ModelPara = ReportModel['intro'];

/** The printed form of a placeholder, as the report prints it (【待补充：…】, 【待核实：…】). */
export const printedPlaceholder = (t: string): string =>
  /^待(核实|定)：/.test(t) ? `【${t}】` : `【待补充：${t}】`;

/** The model paragraph behind a key (`intro`, `part||i`, `part|heading|i`), for its run-in lead. */
function modelPara(m: ReportModel, key: string): ModelPara | undefined {
  if (key === 'intro') return m.intro;
  const first = key.indexOf('|');
  const last = key.lastIndexOf('|');
  if (first < 0 || last === first) return undefined;
  const part = m.sections[Number(key.slice(0, first)) - 1];
  const heading = key.slice(first + 1, last);
  const i = Number(key.slice(last + 1));
  if (!part) return undefined;
  if (heading === '') return part.paras[i];
  return part.children.find((c) => c.heading === heading)?.paras[i];
}

/** The run-in lead a paragraph starts with (1.xxx。), kept by the server when the paragraph is rewritten. */
function leadOf(m: ReportModel, key: string): string {
  const lead = modelPara(m, key)?.lead;
  return lead ? `${lead.number}${lead.text}。` : '';
}

/**
 * A paragraph as printed: placeholders marked, each figure a chip bound to its indicator that
 * opens the ledger records behind it.
 */
function rendered(
  parts: Para['parts'],
  label: (key: string) => string,
  open?: (key: string) => void,
): ReactNode[] {
  return parts.map((x, i) => {
    if (x.t === 'placeholder') return <mark key={i}>{x.text}</mark>;
    if (x.t === 'text') return x.text;
    const what = x.op === 'value' ? label(x.key) : `${label(x.key)}（${OPS[x.op]}）`;
    return (
      <button
        key={i}
        type="button"
        className="cycle-figure"
        data-indicator={x.key}
        title={`${what}：点击查看台账依据`}
        onClick={(e) => {
          e.stopPropagation();
          open?.(x.key);
        }}
      >
        {x.text}
      </button>
    );
  });
}

/** How a figure was derived from its indicator, when it is not the value itself. */
const OPS: Readonly<Record<string, string>> = {
  yoy: '同比变化',
  diff: '差值',
  num: '分子',
  den: '分母',
  gap: '分母与分子之差',
  planned: '年度学法计划安排',
  done: '按学法计划完成',
};

const paraId = (key: string): string =>
  `cycle-para-${key.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0)}`)}`;

/** Scrolls to a paragraph and highlights it. */
export function goToParagraph(key: string): void {
  const el = document.getElementById(paraId(key));
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.classList.remove('flash');
  // Restart the highlight on a second click of the same item.
  void el.offsetWidth;
  el.classList.add('flash');
}

/** Headings of the report's parts and sections, printed where the paragraphs under them start. */
function headingsBefore(m: ReportModel, prev: string | undefined, key: string): string[] {
  if (key === 'intro') return [];
  const part = key.slice(0, key.indexOf('|'));
  const heading = key.slice(key.indexOf('|') + 1, key.lastIndexOf('|'));
  const prevPart = prev && prev !== 'intro' ? prev.slice(0, prev.indexOf('|')) : undefined;
  const prevHeading =
    prev && prev !== 'intro' ? prev.slice(prev.indexOf('|') + 1, prev.lastIndexOf('|')) : undefined;
  const s = m.sections[Number(part) - 1];
  const out: string[] = [];
  if (!s) return out;
  if (part !== prevPart) out.push(`${s.number}${s.heading}`);
  if (heading && (part !== prevPart || heading !== prevHeading)) {
    const c = s.children.find((x) => x.heading === heading);
    if (c) out.push(`${c.number}${c.heading}`);
  }
  return out;
}

/**
 * The draft as a document: every paragraph in reading order under its heading, each editable in
 * place when the report may be edited; a save is a new version built on the version loaded, and a
 * refused save keeps the text in the editor with the server's reason.
 */
export function DraftDocument(props: {
  r: CycleReport;
  draft: CycleDraft;
  editable: boolean;
  /** Reads the report again: after a save, or to build on the latest version after a refused one. */
  onSaved: () => void;
  /** Opens the records behind an indicator (a figure chip was clicked). */
  onExplain?: (key: string) => void;
  /** Paragraph notes being written by someone who may send the report back. */
  noting?: Noting;
}) {
  const { r, draft, editable } = props;
  const cat = useCatalogue();
  const label = (key: string) => cat?.indicators.find((i) => i.key === key)?.label ?? key;
  const { message } = App.useApp();
  const [editing, setEditing] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const m = draft.model;

  const start = (p: Para) => {
    if (!editable || editing !== null) return;
    const lead = leadOf(m, p.key);
    setEditing(p.key);
    setText(lead && p.text.startsWith(lead) ? p.text.slice(lead.length) : p.text);
    setError(null);
  };

  const save = async (key: string) => {
    setSaving(true);
    setError(null);
    try {
      const edits = { ...r.edits, paragraphs: { ...(r.edits.paragraphs ?? {}), [key]: text } };
      const out = await api<{ version: number; state: string; merged: boolean }>(
        `/api/cycle/${r.townshipId}/${r.year}/draft`,
        { method: 'PUT', json: { baseVersion: r.version, edits } },
      );
      void message.success(
        out.merged ? `已保存为第 ${out.version} 版（已与他人的修改合并）` : `已保存为第 ${out.version} 版`,
      );
      setEditing(null);
      props.onSaved();
    } catch (e) {
      setError({ text: errorText(e), conflict: e instanceof ApiError && e.status === 409 });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      className="cycle-document"
      title="报告正文"
      extra={
        editable ? (
          <Typography.Text type="secondary">
            <EditOutlined /> 点击段落即可修改，保存为新版本
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">当前状态下不能修改</Typography.Text>
        )
      }
    >
      <div className="cycle-paper">
        {m.title.map((t) => (
          <h1 key={t}>{t}</h1>
        ))}
        <p className="flush">{m.addressee}</p>
        {draft.paragraphs.map((p, i) => (
          <Fragment key={p.key}>
            {headingsBefore(m, draft.paragraphs[i - 1]?.key, p.key).map((h) => (
              <h2 key={h}>{h}</h2>
            ))}
            <div
              id={paraId(p.key)}
              className={`cycle-para${editable ? ' editable' : ''}${editing === p.key ? ' editing' : ''}`}
              data-key={p.key}
            >
              <span className="cycle-where">{p.where}</span>
              {editing === p.key ? (
                <div className="cycle-editor">
                  {leadOf(m, p.key) && <div className="cycle-lead">{leadOf(m, p.key)}</div>}
                  <Input.TextArea
                    aria-label={`修改段落 ${p.where}`}
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    autoSize={{ minRows: 3, maxRows: 16 }}
                    maxLength={5000}
                    autoFocus
                  />
                  {error && (
                    <Alert
                      type="error"
                      showIcon
                      title={error.text}
                      className="cycle-save-error"
                      action={
                        error.conflict ? (
                          <Button
                            size="small"
                            onClick={() => {
                              setError(null);
                              props.onSaved();
                            }}
                          >
                            载入最新版本
                          </Button>
                        ) : undefined
                      }
                    />
                  )}
                  <Space className="cycle-editor-actions">
                    <Button
                      type="primary"
                      size="small"
                      loading={saving}
                      disabled={!text.trim()}
                      onClick={() => void save(p.key)}
                    >
                      保存
                    </Button>
                    <Button
                      size="small"
                      onClick={() => {
                        setEditing(null);
                        setError(null);
                      }}
                    >
                      取消
                    </Button>
                  </Space>
                </div>
              ) : (
                <p
                  role={editable ? 'button' : undefined}
                  tabIndex={editable ? 0 : undefined}
                  title={editable ? '点击修改此段' : undefined}
                  onClick={() => start(p)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') start(p);
                  }}
                >
                  {rendered(p.parts, label, props.onExplain)}
                </p>
              )}
              <ParagraphNotes paraKey={p.key} where={p.where} received={r.returned} noting={props.noting} />
            </div>
          </Fragment>
        ))}
        <p className="flush">{m.closing}</p>
        <p className="sign">{m.signature.organ}</p>
        <p className="sign">{m.signature.date ?? '【待定：签发日期】'}</p>
      </div>
    </Card>
  );
}

/**
 * 待补充/待核实 items as a checklist: each with a link to the paragraph that holds it; the signing
 * date is filled in when the leader signs.
 */
export function PlaceholderList({ draft }: { draft: CycleDraft }) {
  const items = draft.model.placeholders.map((t, i) => {
    const printed = printedPlaceholder(t);
    return { t, i, at: draft.paragraphs.find((p) => p.text.includes(printed)) };
  });
  return (
    <Card size="small" className="cycle-placeholders" title={`待补充、待核实事项（${items.length}）`}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待补充或待核实的内容" />
      ) : (
        <ul>
          {items.map(({ t, i, at }) => (
            <li key={i}>
              <BorderOutlined className="cycle-check" />
              <span className="cycle-placeholder-text">{t}</span>
              {at ? (
                <Button type="link" size="small" icon={<AimOutlined />} onClick={() => goToParagraph(at.key)}>
                  {at.where}
                </Button>
              ) : (
                <Typography.Text type="secondary" className="cycle-small">
                  （落款，签发时填写）
                </Typography.Text>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
