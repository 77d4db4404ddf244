import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import type { Label } from './labels.ts';

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const h = (text: string, heading: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading, children: [new TextRun(text)] });
const row = (cells: string[]) =>
  new TableRow({ children: cells.map((c) => new TableCell({ children: [p(c)] })) });

/** A held-out .docx report with Word heading styles and a table of figures (units in the labels). */
export async function buildDocxReport(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun('青石镇2024年度法治政府建设情况报告')],
          }),
          p('县委全面依法治县委员会：'),
          p('2024年，青石镇坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下。'),
          h('一、主要举措和成效', HeadingLevel.HEADING_1),
          p(
            '镇党委书记认真履行推进法治建设第一责任人职责，主持召开法治建设专题会议3次。组织机关干部集中学法9次，邀请法律顾问授课。',
          ),
          h('（一）主要数据', HeadingLevel.HEADING_2),
          new Table({
            rows: [
              row(['指标', '数值']),
              row(['排查矛盾纠纷（件）', '96']),
              row(['化解矛盾纠纷（件）', '93']),
              row(['化解率', '96.9%']),
              row(['发放宣传资料（份）', '4200']),
              row(['网格员（名）', '45']),
              row(['开展普法宣传活动（次）', '18']),
            ],
          }),
          h('二、存在的不足和原因', HeadingLevel.HEADING_1),
          p('一是执法检查覆盖面不够，主要由于执法人员不足；二是普法形式较为单一。'),
          h('三、2025年工作安排', HeadingLevel.HEADING_1),
          p('（一）加强执法队伍建设。（二）创新普法宣传方式。'),
          p('青石镇人民政府'),
          p('2025年1月6日'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export const docxLabel: Label = {
  file: 'generated/qingshi.docx',
  split: 'heldout',
  parts: { measures: true, shortcomings: true, causes: true, leaderDuty: true, nextYear: true, other: false },
  figures: [
    ['leadership.meetings', 3, '次', false],
    ['study.sessions', 9, '次', false],
    ['disputes.found', 96, '件', false],
    ['disputes.resolved', 93, '件', false],
    ['disputes.resolution_rate', 96.9, '%', false],
    ['publicity.materials', 4200, '份', false],
    ['grid.members', 45, '名', false],
    ['publicity.events', 18, '次', false],
  ],
  findings: [],
};
