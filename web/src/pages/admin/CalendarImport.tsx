import { App, Alert, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { CalendarEntry, CalendarUpdate, YearPreview } from './calendar-types.ts';

const KIND = { holiday: '放假', workday: '上班' } as const;
/** Moved cases listed after saving; the audit log keeps every one. */
const SHOWN = 10;

function Days({ days, color }: { days: readonly CalendarEntry[]; color: string }) {
  if (days.length === 0) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <span className="calendar-diff">
      {days.map((d) => (
        <Tag key={`${d.date}${d.kind}`} color={color}>
          {d.date} {d.name}
          {KIND[d.kind]}
        </Tag>
      ))}
    </span>
  );
}

/** One year of the preview: what the notice says, and what changes against the stored year. */
function YearDiff({ p }: { p: YearPreview }) {
  const a = p.arrangement;
  const off = a.entries.filter((e) => e.kind === 'holiday').length;
  const work = a.entries.length - off;
  return (
    <div className="calendar-preview-year" data-year={a.year}>
      <Typography.Text strong>
        {a.year}年（来源：{a.source}）：放假{off}天，调休上班{work}天
      </Typography.Text>
      <div>
        现有：{p.current.official ? `官方安排（${p.current.source ?? ''}）` : '无官方安排，按法定节日计算'}
      </div>
      <div>
        新增或改变：
        <Days days={p.added} color="green" />
      </div>
      <div>
        不再适用：
        <Days days={p.removed} color="default" />
      </div>
    </div>
  );
}

/**
 * Paste the State Council's notice (国务院办公厅关于20XX年部分节假日安排的通知), check what was read
 * and what it changes, then store it: open cases' due dates are worked out again on the server.
 */
export function CalendarImport({ onStored }: { onStored: (years: number[]) => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<YearPreview[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CalendarUpdate | null>(null);
  const [busy, setBusy] = useState(false);

  const read = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await api<{ years: YearPreview[] }>('/api/calendar/preview', { json: { text } });
      setPreview(r.years);
    } catch (e) {
      setPreview(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const store = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await api<CalendarUpdate>('/api/calendar', {
        json: { arrangements: preview.map((p) => p.arrangement) },
      });
      setDone(r);
      setPreview(null);
      setText('');
      void message.success(`已保存${r.years.map((y) => `${y.year}年`).join('、')}的放假安排`);
      onStored(r.years.map((y) => y.year));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="导入国务院办公厅放假安排通知" className="calendar-import">
      <Typography.Paragraph type="secondary">
        将通知全文（含标题“国务院办公厅关于20XX年部分节假日安排的通知”）粘贴到下面，先预览核对，再确认保存。保存后，在办案件的期限按新的安排重新计算，并记入审计日志。
      </Typography.Paragraph>
      <Input.TextArea
        aria-label="通知全文"
        rows={8}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setPreview(null);
        }}
        placeholder={'国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日放假……\n二、春节：……'}
      />
      <Space className="calendar-actions">
        <Button onClick={() => void read()} loading={busy && !preview} disabled={!text.trim()}>
          预览
        </Button>
        <Button type="primary" onClick={() => void store()} loading={busy && !!preview} disabled={!preview}>
          确认保存
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {preview && (
        <div className="calendar-preview">
          {preview.map((p) => (
            <YearDiff key={p.arrangement.year} p={p} />
          ))}
        </div>
      )}
      {done && (
        <Alert
          className="calendar-done"
          type="success"
          showIcon
          title={
            done.changed.length === 0
              ? '已保存。在办案件的期限均无变化。'
              : `已保存。${done.changed.length}件在办案件的期限已重新计算：`
          }
          description={
            done.changed.length > 0 && (
              <ul>
                {done.changed.slice(0, SHOWN).map((c) => (
                  <li key={c.caseId}>
                    {c.title}：期限由{c.from ?? '无'}调整为{c.to ?? '无'}
                  </li>
                ))}
                {done.changed.length > SHOWN && <li>……等{done.changed.length}件，详见审计日志</li>}
              </ul>
            )
          }
        />
      )}
    </Card>
  );
}
