import { groups, type GroupId } from '../../catalogue/kinds.ts';
import type { DraftSection } from './area-types.ts';
import type { ReportContext } from './context.ts';
import type { LedgerRecord } from '../../core/records.ts';
import { contradictions, contradictionText } from './claims.ts';
import { line, placeholder, verify } from './phrase.ts';
import type { Inline } from './types.ts';

/** Part 5: how last year's commitments went (one lead per commitment), then anything else to report. */

const STATUS: Readonly<Record<string, string>> = {
  done: '已完成',
  in_progress: '正在推进',
  not_done: '未完成',
  planned: '未启动',
};

/** A progress note without the status words the line already prints (正在推进：…，尚未全部完成). */
function progressNote(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const t = raw
    .trim()
    .replace(/^(已完成|已经完成|正在推进|推进中|未完成|未启动)[：:，,。；;]?/, '')
    .replace(/[，,；;]?(尚未全部完成|尚未完成|已全部完成|已完成)[。；;]?$/, '')
    .trim();
  return t ? t.replace(/[。；;，,]?$/, '。') : null;
}

/** One commitment's account: its status and progress, unless the ledger contradicts them. */
function commitmentLine(c: ReportContext, r: LedgerRecord): Inline[] {
  const [, ...rest] = r.title.split('：');
  const detail = rest.length ? `${rest.join('：').replace(/。?$/, '。')}` : '';
  const status = typeof r.data.status === 'string' ? r.data.status : 'planned';
  const progress = progressNote(r.data.progress);
  // A commitment marked done claims its target; its progress note claims what it says.
  const target = status === 'done' ? contradictions(c, r.title) : [];
  const note = contradictions(c, progress ?? '');
  if (target.length > 0 || note.length > 0)
    return line(
      detail,
      '落实情况：',
      placeholder(
        note.length > 0
          ? contradictionText(`台账记为“${STATUS[status] ?? status}”，进展记录称`, note)
          : contradictionText(`台账记为“${STATUS[status] ?? status}”，工作安排的目标是`, target),
      ),
    );
  const missing =
    status === 'done'
      ? null
      : placeholder(status === 'in_progress' ? '目前进展和完成时限' : '未完成的原因和下一步措施');
  const frame = c.pick(`part5.frame.${r.id}`, ['落实情况：', '完成情况：', '进展：']);
  return line(detail, frame, `${STATUS[status] ?? ''}。`, progress ?? missing);
}

export function part5(
  c: ReportContext,
  partialNote: string | null,
  rareEmpty: readonly GroupId[] = [],
): DraftSection[] {
  const out: DraftSection[] = [];
  const commitments = [...c.inputs.commitments].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  if (commitments.length > 0) {
    out.push({
      heading: `${c.year - 1}年度报告所列工作安排落实情况`,
      paras: commitments.map((r) => ({
        lead: (r.title.split('：')[0] ?? r.title).replace(/[。；，]$/, ''),
        inlines: commitmentLine(c, r),
      })),
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
  // No record of a lawsuit or a major decision may simply mean there was none: said, to confirm.
  const none =
    rareEmpty.length > 0
      ? [
          {
            inlines: line(
              c.pick('part5.none', [
                `${c.year}年度台账中没有${rareEmpty.map((g) => groups[g]).join('、')}方面的记录`,
                `${c.self}${c.year}年未登记${rareEmpty.map((g) => groups[g]).join('、')}事项`,
                `本年度${rareEmpty.map((g) => groups[g]).join('、')}方面台账为空`,
                `${c.year}年${c.whole}没有${rareEmpty.map((g) => groups[g]).join('、')}方面的台账记录`,
              ]),
              verify(
                c.pick('part5.none.verify', [
                  `如${c.whole}确无此类事项，保留本段；如有，请补登台账后重新生成`,
                  `请核实是否确无此类事项，有则补登台账`,
                  `确无则保留，有则补录台账后重新生成报告`,
                ]),
              ),
              '。',
            ),
          },
        ]
      : [];
  out.push({
    heading: '其他事项',
    paras: [
      ...none,
      ...(notes.length > 0
        ? notes.map((t) => ({ inlines: line(t) }))
        : none.length > 0
          ? []
          : [{ inlines: line(placeholder('其他需要报告的情况，如无请写明')) }]),
    ],
    children: [],
  });
  return out;
}
