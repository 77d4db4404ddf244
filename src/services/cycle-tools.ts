/** The cycle's heavy work in-process (the CLI, the demo, tests); the server runs the same on its worker pool. */
import { redactFile } from '../cycle/redact.ts';
import { renderDocx } from '../report/render/docx.ts';
import { reviewDocuments } from '../review/index.ts';
import type { CycleTools } from './cycle-shared.ts';

export const inProcessCycleTools: CycleTools = {
  render: (m) => renderDocx(m),
  review: (fileName, bytes, year) =>
    Promise.resolve(
      reviewDocuments([{ name: fileName, bytes }], { year })[0] ?? {
        file: fileName,
        error: '文件中没有可审阅的报告',
      },
    ),
  reviewBatch: (files, year) => Promise.resolve(reviewDocuments(files, { year, compare: true })),
  redact: (fileName, bytes, redactions) => Promise.resolve(redactFile(fileName, bytes, redactions)),
};
