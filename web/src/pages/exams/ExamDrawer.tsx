import { BellOutlined, DownloadOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { lawLabel } from '../../../../src/catalogue/laws.ts';
import { EXAM_DISPLAYS, PAPER_MODES, QUESTION_TYPES } from '../../../../src/catalogue/questions.ts';
import { api, download, errorText } from '../../api/client.ts';
import { useApi } from '../../lib/useApi.ts';
import { PaperScoresModal } from './PaperScoresModal.tsx';
import {
  CANDIDATE_STATUS,
  examStage,
  GRADE_COLORS,
  GRADE_LABELS,
  windowText,
  type ExamDetail,
  type ExamResults,
} from './types.ts';

/** When the exam's last window (the make-up's, if any) ends: only then can it be closed. */
const lastClose = (e: ExamDetail): string => e.makeup?.closesAt ?? e.closesAt;

/** 成绩分布 as bars: how many people scored in each band. */
function Distribution({ bands }: { bands: ExamResults['distribution'] }) {
  const max = Math.max(1, ...bands.map((b) => b.n));
  return (
    <div className="exam-bars" role="img" aria-label={bands.map((b) => `${b.band}：${b.n}人`).join('，')}>
      {bands.map((b) => (
        <div className="exam-bar-col" key={b.band}>
          <span>{b.n}</span>
          <div className="exam-bar-fill" style={{ height: `${(b.n / max) * 80}%` }} />
          <span className="exam-bar-label">{b.band}</span>
        </div>
      ))}
    </div>
  );
}

/** `onRescore`: while the exam is open, re-scores a question after its key was corrected in the bank. */
function Results({ r, onRescore }: { r: ExamResults; onRescore?: (code: string) => void }) {
  return (
    <>
      <Typography.Title level={5}>成绩分布</Typography.Title>
      <Typography.Paragraph type="secondary">
        应参考 {r.required} 人，参考 {r.sat} 人，合格 {r.passed} 人，优秀 {r.excellent} 人
      </Typography.Paragraph>
      {r.sat > 0 && <Distribution bands={r.distribution} />}
      {r.wrong.length > 0 && (
        <>
          <Typography.Title level={5}>错误率最高的题目</Typography.Title>
          <Table
            rowKey="questionId"
            size="small"
            pagination={false}
            className="exam-wrong"
            dataSource={r.wrong.slice(0, 10)}
            columns={[
              { title: '题目', dataIndex: 'stem' },
              { title: '依据', width: 150, render: (_v, w) => `《${lawLabel(w.law)}》${w.article}` },
              { title: '答错', width: 90, render: (_v, w) => `${w.wrong}/${w.asked}` },
              ...(onRescore
                ? [
                    {
                      title: '答案有误时',
                      width: 120,
                      render: (_v: unknown, w: ExamResults['wrong'][number]) => (
                        <Button type="link" size="small" onClick={() => onRescore(w.code)}>
                          重新评分
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </>
  );
}

/** One exam for its organiser: the paper's rules, each candidate's status and score, the results, 结束考试. */
export function ExamDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { message, modal } = App.useApp();
  const detail = useApi<ExamDetail>(id === null ? null : `/api/exams/${id}`);
  const results = useApi<ExamResults>(id === null ? null : `/api/exams/${id}/results`);
  const [busy, setBusy] = useState<string | null>(null);
  const e = detail.data?.id === id ? detail.data : undefined;

  const act = async (what: string, run: () => Promise<void>) => {
    setBusy(what);
    try {
      await run();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  const rescore = (code: string) => {
    modal.confirm({
      title: `按题号 ${code} 的最新版本重新评分？`,
      content:
        '请先在题库中修正这道题的答案（保存为新版本）。重新评分后，已交的试卷按修正后的答案重新计分，记入审计日志。',
      okText: '重新评分',
      rootClassName: 'rescore-exam-confirm',
      onOk: () =>
        act('rescore', async () => {
          const r = await api<{ version: number; papers: number; changed: number }>(
            `/api/exams/${id}/rescore`,
            { json: { code } },
          );
          void message.success(
            `已按第 ${r.version} 版重新评分：涉及试卷 ${r.papers} 份，成绩变动 ${r.changed} 份`,
          );
          detail.reload();
          results.reload();
        }),
    });
  };
  const close = () => {
    modal.confirm({
      title: '结束考试？',
      content: '结束后不能再作答；考试记录和每人的成绩写入学法考试台账，参考率、合格率随之更新。',
      okText: '结束考试',
      rootClassName: 'close-exam-confirm',
      onOk: () =>
        act('close', async () => {
          await api<ExamDetail>(`/api/exams/${id}/close`, { method: 'POST' });
          void message.success('考试已结束，成绩已写入台账');
          detail.reload();
          results.reload();
          onChanged();
        }),
    });
  };
  const remind = () =>
    act('remind', async () => {
      const r = await api<{ reminded?: number }>(`/api/exams/${id}/remind`, { method: 'POST' });
      void message.success(r.reminded === undefined ? '已提醒未参考人员' : `已提醒 ${r.reminded} 人`);
    });
  // 纸质考试: the scores of those who sat on paper, from a spreadsheet, into the same exam.
  const [paperOpen, setPaperOpen] = useState(false);
  const paperImported = () => {
    detail.reload();
    results.reload();
    onChanged();
  };
  const exportXlsx = () =>
    act('export', async () => {
      await download(`/api/exams/${id}/results.xlsx`, `${e?.title ?? '考试'}成绩.xlsx`);
    });

  const stage = e ? examStage(e) : null;
  return (
    <Drawer
      title={e?.title ?? '考试'}
      open={id !== null}
      onClose={onClose}
      size="large"
      destroyOnHidden
      rootClassName="exam-drawer"
      extra={stage && <Tag color={stage.color}>{stage.label}</Tag>}
    >
      {detail.error && <Alert type="error" showIcon title={detail.error} />}
      {e && (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            {e.state === 'open' && (
              <Button
                danger
                icon={<StopOutlined />}
                loading={busy === 'close'}
                disabled={Date.now() < Date.parse(lastClose(e))}
                title={`考试${e.makeup ? '（含补考）' : ''}时间结束后，方可结束考试并登记成绩`}
                onClick={close}
              >
                结束考试
              </Button>
            )}
            {e.state === 'open' && (
              <Button icon={<BellOutlined />} loading={busy === 'remind'} onClick={() => void remind()}>
                提醒未参考人员
              </Button>
            )}
            {e.state === 'open' && (
              <Button icon={<UploadOutlined />} onClick={() => setPaperOpen(true)}>
                导入纸质考试成绩
              </Button>
            )}
            <Button icon={<DownloadOutlined />} loading={busy === 'export'} onClick={() => void exportXlsx()}>
              导出成绩
            </Button>
          </Space>
          {e.state === 'open' && (
            <PaperScoresModal
              examId={e.id}
              title={e.title}
              open={paperOpen}
              onClose={() => setPaperOpen(false)}
              onImported={paperImported}
            />
          )}
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'o', label: '组织单位', children: e.organiser },
              { key: 'w', label: '考试时间', children: windowText(e) },
              { key: 'm', label: '补考时间', children: e.makeup ? windowText(e.makeup) : '不安排补考' },
              {
                key: 'd',
                label: '答题',
                children: `限时 ${e.durationMin} 分钟，${EXAM_DISPLAYS[e.display]}，${PAPER_MODES[e.mode]}`,
              },
              {
                key: 'r',
                label: '组卷规则',
                children: e.rules
                  .map((r) => `${lawLabel(r.law)} ${QUESTION_TYPES[r.type]} ${r.count}题×${r.points}分`)
                  .join('；'),
              },
              {
                key: 's',
                label: '分数',
                children: `满分 ${e.total} 分，${e.passMark} 分合格，${e.excellentMark} 分优秀`,
              },
            ]}
          />
          {results.data && (
            <Results r={results.data} {...(e.state === 'open' ? { onRescore: rescore } : {})} />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            参考人员（应参考 {e.required} 人）
          </Typography.Title>
          <Table
            rowKey="userId"
            size="small"
            className="exam-candidates"
            dataSource={e.candidates}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: '姓名', dataIndex: 'name', width: 100 },
              {
                title: '单位',
                render: (_v, c) => (c.township && c.township !== c.unit ? `${c.township} ${c.unit}` : c.unit),
              },
              {
                title: '状态',
                width: 90,
                render: (_v, c) => {
                  const s = CANDIDATE_STATUS[c.status];
                  return <Tag color={s.color}>{s.label}</Tag>;
                },
              },
              {
                title: '成绩',
                width: 110,
                render: (_v, c) =>
                  c.score === null ? (
                    '—'
                  ) : (
                    <span>
                      {c.score} {c.grade && <Tag color={GRADE_COLORS[c.grade]}>{GRADE_LABELS[c.grade]}</Tag>}
                    </span>
                  ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
