import type { DraftSection } from './area-types.ts';
import type { ReportContext } from './context.ts';
import { line, placeholder } from './phrase.ts';

/** Part 5: how last year's commitments went (one lead per commitment), then anything else to report. */

const STATUS: Readonly<Record<string, string>> = {
  done: '已完成。',
  in_progress: '正在推进，尚未全部完成。',
  not_done: '未完成。',
  planned: '未启动。',
};

export function part5(c: ReportContext, partialNote: string | null): DraftSection[] {
  const out: DraftSection[] = [];
  const commitments = [...c.inputs.commitments].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  if (commitments.length > 0) {
    out.push({
      heading: `${c.year - 1}年度报告所列工作安排落实情况`,
      paras: commitments.map((r) => {
        const [title, ...rest] = r.title.split('：');
        const progress =
          typeof r.data.progress === 'string' && r.data.progress.trim()
            ? r.data.progress.trim().replace(/[。；]?$/, '。')
            : null;
        const status = typeof r.data.status === 'string' ? r.data.status : 'planned';
        const missing =
          status === 'done'
            ? null
            : placeholder(status === 'in_progress' ? '目前进展和完成时限' : '未完成的原因和下一步措施');
        return {
          lead: (title ?? r.title).replace(/[。；，]$/, ''),
          inlines: line(
            rest.length ? `${rest.join('：').replace(/。?$/, '。')}` : '',
            '落实情况：',
            STATUS[status] ?? '',
            progress ?? missing,
          ),
        };
      }),
      children: [],
    });
  } else {
    out.push({
      heading: `${c.year - 1}年度报告所列工作安排落实情况`,
      paras: [
        {
          inlines: line(
            placeholder(
              `${c.year - 1}年度报告所列下一年度工作安排的落实情况（台账中没有计划年度为${c.year}年的工作安排记录）`,
            ),
          ),
        },
      ],
      children: [],
    });
  }
  const other = c.inputs.overrides?.other ?? [];
  const notes = [...(partialNote ? [partialNote] : []), ...other];
  out.push({
    heading: '其他事项',
    paras:
      notes.length > 0
        ? notes.map((t) => ({ inlines: line(t) }))
        : [{ inlines: line(placeholder('其他需要报告的情况；如无，写明“无其他需要报告的情况”')) }],
    children: [],
  });
  return out;
}
