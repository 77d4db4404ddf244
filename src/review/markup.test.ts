import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.ts';
import { readHtml, readMarkdown } from './markup.ts';
import { readDocument } from './read.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const review = (name: string, text: string) => analyse(readDocument(name, utf8(text)));

const MD = `# 石门乡关于2024年度法治政府建设情况的报告

县委全面依法治县委员会：

## 一、主要举措和成效

### （一）抓好学法

**1.领导干部学法。**组织集中学法9次，\\*重点\\*学习宪法。

## 二、存在的不足和原因

学法不够深入，主要原因是工作任务重。

## 三、下一年度工作安排

> 继续抓好学法，[详见计划](https://example.org/plan)。

<div align="right"><div>石门乡人民政府</div><div><mark>2025年1月8日</mark></div></div>

---

附件

## 主要数据

| 指标 | 本年 |
| --- | ---: |
| 集中学法 | 9次 |
| 网格员 | 30名 |
| 网格 | 6个 |
| 排查矛盾纠纷 | 12件 |
| 化解矛盾纠纷 | 11件 |
| 执法检查 | 8次 |
| 应急演练 | 2次 |
| 法律意见 | 5次 |
`;

describe('Markdown reports', () => {
  it('reads the text without heading marks, emphasis, escapes, quotes, links or inline HTML', () => {
    const blocks = readMarkdown(
      '## 一、主要举措\n**1.学法。**开展\\*学法\\*9次，[见表](a.html)。\n> 引文\n<p>甲<br>乙</p>',
    );
    expect(blocks.filter((b) => b.kind === 'p').map((b) => (b.kind === 'p' ? b.text : ''))).toEqual([
      '一、主要举措',
      '1.学法。开展*学法*9次，见表。',
      '引文',
      '',
      '甲',
      '乙',
      '',
    ]);
  });

  it('finds the headings, the statutory parts, the table and the 落款', () => {
    const r = review('石门乡.md', MD);
    expect(r.title).toBe('石门乡关于2024年度法治政府建设情况的报告');
    expect(r.headings.map((h) => [h.level, h.number])).toEqual([
      [1, '一、'],
      [2, '（一）'],
      [3, '1.'],
      [1, '二、'],
      [1, '三、'],
    ]);
    expect(r.parts).toMatchObject({ measures: true, shortcomings: true, causes: true, nextYear: true });
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual(['parts.leaderDuty']);
    expect(r.figures.filter((f) => f.key === 'grid.members').map((f) => f.value)).toEqual([30]);
    expect(r.text).not.toMatch(/[#|<>]|\*\*/);
    expect(r.text).toContain('9次，*重点*学习');
  });

  it('reads the same text as a plain .txt file without markup', () => {
    const r = review('石门乡.txt', MD);
    expect(r.headings).toEqual([]);
  });
});

const HTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>不是正文</title>
<style>p { text-indent: 2em; } /* <p>不是正文</p> */</style></head>
<body>
<h1>石门乡关于2024年度<br>法治政府建设情况的报告</h1>
<p>县委全面依法治县委员会：</p>
<h2>一、主要举措和成效</h2>
<p>组织集中学法<a class="fig" href="/x?a=1&amp;b=2">9次</a>，
配备网格员<span>30名</span>。</p>
<h2>二、存在的不足和原因</h2>
<p>学法不够深入，主要原因是工作任务重&hellip;</p>
<h2>三、下一年度工作安排</h2>
<p>继续抓好学法&#12290;</p>
<!-- 注释 <p>不是正文</p> -->
<div class="sign"><p>石门乡人民政府</p><p><mark>2025年1月8日</mark></p></div>
<section class="appendix"><p>附件</p><h1>主要数据</h1>
<table><thead><tr><th>指标</th><th>本年</th></tr></thead>
<tbody><tr><td>集中学法</td><td>9次</td></tr><tr><td>网格员</td><td>30名</td></tr>
<tr><td>网格</td><td>6个</td></tr><tr><td>排查矛盾纠纷</td><td>12件</td></tr><tr><td>化解矛盾纠纷</td><td>11件</td></tr>
<tr><td>执法检查</td><td>8次</td></tr><tr><td>应急演练</td><td>2次</td></tr><tr><td>法律意见</td><td>5次</td></tr></tbody></table>
</section></body></html>`;

describe('HTML reports', () => {
  it('reads what the page shows: block elements as lines, <br> as a line break, references decoded', () => {
    const blocks = readHtml(HTML);
    const lines = blocks.flatMap((b) => (b.kind === 'p' ? [b.text] : []));
    expect(lines.slice(0, 4)).toEqual([
      '石门乡关于2024年度',
      '法治政府建设情况的报告',
      '县委全面依法治县委员会：',
      '一、主要举措和成效',
    ]);
    // A line break of the source between Chinese characters is no space.
    expect(lines).toContain('组织集中学法9次，配备网格员30名。');
    expect(lines).toContain('学法不够深入，主要原因是工作任务重…');
    expect(lines).toContain('继续抓好学法。');
    expect(lines.join('\n')).not.toContain('不是正文');
    const rows = blocks.filter((b) => b.kind === 'row');
    expect(rows[0]).toEqual({ kind: 'row', cells: ['指标', '本年'], table: 1 });
    expect(rows).toHaveLength(9);
  });

  it('is reviewed like the .docx: title, parts, figures, table and 落款', () => {
    const r = review('石门乡.html', HTML);
    expect(r.title).toBe('石门乡关于2024年度法治政府建设情况的报告');
    expect(r.headings.map((h) => h.number)).toEqual(['一、', '二、', '三、']);
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual(['parts.leaderDuty']);
    expect(r.figures.filter((f) => f.key === 'grid.members').map((f) => f.value)).toEqual([30, 30]);
  });

  it('reads a page saved from Word: Office tags are no text, and a source break beside a character is no space', () => {
    const page = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>组织集中学法</span>
<span lang=EN-US style='font-family:"Times New Roman"'>12</span><span
style='font-family:仿宋_GB2312'>次，于</span><st1:chsdate Year="2024" Month="3" Day="8"><span
lang=EN-US>2024</span>年<span lang=EN-US>3</span>月<span lang=EN-US>8</span>日</st1:chsdate>开展宣传。<o:p></o:p></p>
<p class=MsoNormal><span lang=EN-US>IPv6
ready</span><o:p>&nbsp;</o:p></p>
</body></html>`;
    const lines = readHtml(page).flatMap((b) => (b.kind === 'p' ? [b.text] : []));
    expect(lines).toEqual(['组织集中学法12次，于2024年3月8日开展宣传。', 'IPv6 ready']);
  });

  it('keeps a stray < as text and stops at an unclosed comment', () => {
    const lines = readHtml('<p>a < b</p><!-- x <p>c</p>').flatMap((b) => (b.kind === 'p' ? [b.text] : []));
    expect(lines).toEqual(['a < b']);
  });
});
