import { Alert, App, Button, Card, Checkbox, Empty, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { CycleReport, HeadlineChoice, HeadlinePick } from '../../api/types.ts';
import { dateOf } from './CycleBits.tsx';

/** Whether a pick is settled by a person, and how: its tag and, when settled, what was done. */
function statusOf(choice: HeadlineChoice | undefined) {
  if (!choice) return { color: 'orange', label: '待确认', did: '' };
  if (choice.parts) return { color: 'purple', label: '已相加', did: `改为${choice.parts.length}处相加` };
  return choice.kept
    ? { color: 'green', label: '已确认', did: '确认' }
    : { color: 'blue', label: '已改选', did: '改选' };
}

/**
 * One indicator stated several times: the figures to choose from, the rules' reason, who chose.
 * A figure is taken by choosing it; separate activities with no total stated are added up by
 * ticking each (多处相加).
 */
function PickCard({
  pick,
  choice,
  busy,
  onChoose,
}: {
  pick: HeadlinePick;
  choice: HeadlineChoice | undefined;
  busy: boolean;
  onChoose: (starts: number[]) => void;
}) {
  const status = statusOf(choice);
  const [adding, setAdding] = useState(Boolean(choice?.parts));
  const [ticked, setTicked] = useState<number[]>(choice?.parts ? [...choice.parts] : []);
  const options = [
    { figure: pick.figure, note: '规则取数' },
    ...pick.alternatives.map((a) => ({ figure: a.figure, note: a.note.replace(/^“[^”]*”：/, '') })),
  ];
  const current = choice?.parts ? undefined : (choice?.start ?? pick.figure.start);
  // The same figures either way: to choose one (Radio) or to tick those to add up (Checkbox).
  const Item = adding ? Checkbox : Radio;
  const items = (
    <Space orientation="vertical" size={4}>
      {options.map(({ figure, note }) => (
        <Item key={figure.start} value={figure.start} data-figure={figure.text}>
          <Typography.Text strong>{figure.text}</Typography.Text>
          <Typography.Text type="secondary">（{note}）</Typography.Text>
          <div className="cycle-quote headline-sentence">{figure.sentence}</div>
        </Item>
      ))}
    </Space>
  );
  const rate = pick.figure.unit === '%';
  return (
    <Card size="small" className="headline-pick" data-key={pick.key}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap size={6}>
          <Typography.Text strong>{pick.label}</Typography.Text>
          <Tag color={status.color} className="headline-status">
            {status.label}
          </Tag>
          {pick.unsure && !choice && (
            <Tag color="volcano" className="headline-unsure">
              规则难以判定
            </Tag>
          )}
          {choice && (
            <Typography.Text type="secondary">
              {choice.by} 于 {dateOf(choice.at)} {status.did}
              {choice.parts && `：${choice.text}`}
            </Typography.Text>
          )}
        </Space>
        {adding ? (
          <Checkbox.Group
            value={ticked}
            disabled={busy}
            onChange={(v) => setTicked(v)}
            className="headline-parts"
          >
            {items}
          </Checkbox.Group>
        ) : (
          <Radio.Group
            value={current}
            disabled={busy}
            onChange={(e) => onChoose([e.target.value as number])}
            className="headline-options"
          >
            {items}
          </Radio.Group>
        )}
        <Typography.Text type="secondary" className="headline-reason">
          规则取数理由：{pick.reason}
        </Typography.Text>
        <Space wrap size={8}>
          {!choice && !adding && (
            <Button size="small" type="primary" disabled={busy} onClick={() => onChoose([pick.figure.start])}>
              确认取“{pick.figure.text}”
            </Button>
          )}
          {adding && (
            <Button
              size="small"
              type="primary"
              disabled={busy || ticked.length < 2}
              onClick={() => onChoose(ticked)}
              className="headline-add"
            >
              {ticked.length < 2 ? '请勾选至少两处' : `取这 ${ticked.length} 处之和`}
            </Button>
          )}
          {!rate && (
            <Button size="small" type="link" disabled={busy} onClick={() => setAdding(!adding)}>
              {adding ? '改为取一处' : '多处相加…'}
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );
}

/**
 * 对比表取数: when a report states an indicator several times, the county office confirms the
 * figure the rules took for the comparison table, or chooses another; the choice is kept with who
 * made it and is what the comparison workbook then shows.
 */
export function HeadlinePanel({ r, onChanged }: { r: CycleReport; onChanged: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const picks = r.review?.headlines;
  if (!picks) return <Empty description="该报告报送时的审阅结果中没有逐项取数" />;
  const several = picks.filter((p) => p.alternatives.length > 0);
  const single = picks.filter((p) => p.alternatives.length === 0);
  const choiceOf = (key: string) => r.headlineChoices.find((c) => c.key === key);
  const open = several.filter((p) => !choiceOf(p.key)).length;
  const choose = async (pick: HeadlinePick, starts: number[]) => {
    setBusy(true);
    setError(null);
    try {
      const chosen = await api<HeadlineChoice>(`/api/cycle/${r.townshipId}/${r.year}/headlines`, {
        json: { key: pick.key, starts },
      });
      void message.success(`“${pick.label}”取数为“${chosen.text}”`);
      onChanged();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="headline-panel">
      <Typography.Paragraph type="secondary">
        报告中同一指标有多处数值时，对比表按规则取一处（本年总数，而非分项、计划或上年数）。请逐项确认或改选；几处是互不包含的不同活动、报告又未写合计时，可勾选“多处相加”取其和。确认后对比表注明确认人。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} className="headline-error" />}
      {several.length === 0 ? (
        <Typography.Text type="success">报告中每项指标只有一处数值，无需确认</Typography.Text>
      ) : (
        <>
          <Typography.Title level={5}>
            多处数值的指标（{several.length} 项{open ? `，待确认 ${open} 项` : '，均已确认'}）
          </Typography.Title>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {several.map((p) => (
              <PickCard
                key={p.key}
                pick={p}
                choice={choiceOf(p.key)}
                busy={busy || !r.choosesHeadlines}
                onChoose={(starts) => void choose(p, starts)}
              />
            ))}
          </Space>
        </>
      )}
      {single.length > 0 && (
        <Typography.Paragraph type="secondary" className="headline-single">
          只有一处数值、直接取用的指标（{single.length} 项）：
          {single.map((p) => `${p.label} ${p.figure.text}`).join('；')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
