import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDb } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { writeFileAtomic } from '../src/report/files.ts';
import { seedSampleYear } from '../src/report/sample.ts';
import { generateReport } from '../src/services/report.ts';
import { NOW, smallCounty } from '../src/testing/fixtures.ts';

/**
 * npm run render-check [-- OUTDIR]: writes a sample report (docx, md, html) and, when LibreOffice and
 * pdftoppm are installed, converts the docx to PDF and PNG pages for a person to look at.
 */
const out = resolve(process.argv[2] ?? 'tmp/render-check');
mkdirSync(out, { recursive: true });

const h = openDb('sqlite::memory:');
await migrateToLatest(h);
const { a } = await smallCounty(h);
await seedSampleYear(h, a, 2024, NOW);
let docx = '';
for (const format of ['docx', 'md', 'html'] as const) {
  const r = await generateReport(h, {
    org: a,
    year: 2024,
    format,
    now: '2025-01-20T02:00:00.000Z',
    // Issued as a township issues it: signed on 20 January, with its 抄送 and 印发 line.
    document: {
      date: '2025-01-20',
      cc: ['县委依法治县办', '县司法局'],
      printedBy: '甲镇党政办公室',
      printedOn: '2025-01-21',
    },
  });
  const path = await writeFileAtomic(join(out, r.fileName), r.bytes);
  if (format === 'docx') docx = path;
  console.log(`已写入 ${path}（${r.figures.length} 个数字，${r.placeholders.length} 处待补充）`);
}
await h.close();

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const office = ['soffice', 'libreoffice'].find(has);
if (!office || !has('pdftoppm')) {
  console.log(
    '未安装 LibreOffice（soffice）或 pdftoppm，跳过 PDF/PNG 转换。安装：apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk',
  );
  process.exit(0);
}
// Machines without the GB fonts (仿宋_GB2312…) get the closest free ones for the preview only;
// the docx itself keeps the GB/T 9704 font names.
const alias = (from: string, to: string) =>
  `<alias binding="same"><family>${from}</family><prefer><family>${to}</family></prefer></alias>`;
const fontsConf = join(out, 'fonts.conf');
writeFileSync(
  fontsConf,
  `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>${[
    alias('仿宋_GB2312', 'Noto Serif CJK SC'),
    alias('方正小标宋简体', 'Noto Serif CJK SC'),
    alias('宋体', 'Noto Serif CJK SC'),
    alias('楷体_GB2312', 'Noto Serif CJK SC'),
    alias('黑体', 'Noto Sans CJK SC'),
  ].join('')}</fontconfig>`,
);
const conv = spawnSync(office, ['--headless', '--convert-to', 'pdf', '--outdir', out, docx], {
  encoding: 'utf8',
  timeout: 180_000,
  env: { ...process.env, FONTCONFIG_FILE: fontsConf },
});
if (conv.status !== 0) {
  console.log(`LibreOffice 转换失败：${conv.stderr || conv.stdout}`);
  process.exit(0);
}
const pdf = docx.replace(/\.docx$/, '.pdf');
spawnSync('pdftoppm', ['-png', '-r', '80', pdf, join(out, 'page')], { encoding: 'utf8' });
const pages = readdirSync(out).filter((f) => /^page-\d+\.png$/.test(f));
console.log(`已转换 ${pdf}，共 ${pages.length} 页 PNG：${out}/page-*.png`);
