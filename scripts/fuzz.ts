import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzz, type Failure } from '../src/testing/fuzz/run.ts';

/**
 * `npm run fuzz [-- --count N --seed S --out DIR]`: the full fuzz run of the readers (10,000
 * inputs by default). Prints the outcomes as a Markdown table; writes each crash's or hang's input
 * to DIR (default fuzz-failures/) and exits 1 if there was any.
 */
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'fuzz-failures' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);

let last = 0;
const s = await fuzz({
  count,
  seed,
  onProgress: (n) => {
    if (n - last >= 1000 || n === count) {
      last = n;
      process.stderr.write(`已完成 ${n}/${count}\n`);
    }
  },
});

console.log(`| 输入 | 探测 | 用时 | 最慢一次 | 崩溃 | 超时 | 内存超限 |`);
console.log(`| ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
console.log(
  `| ${s.inputs} | ${s.probes} | ${(s.ms / 1000).toFixed(1)} s | ${s.slowest.toFixed(0)} ms | ${s.crashes.length} | ${s.hangs.length} | ${s.memory.length} |`,
);
console.log(`\n最慢一次：${s.slowestInput}`);
console.log('\n| 读取器 结果 代码 | 次数 |\n| --- | ---: |');
for (const [k, n] of [...s.outcomes].sort(([a], [b]) => a.localeCompare(b))) console.log(`| ${k} | ${n} |`);

const failures: Failure[] = [...s.crashes, ...s.hangs, ...s.memory];
if (failures.length > 0) {
  mkdirSync(values.out, { recursive: true });
  for (const f of failures) {
    const file = join(
      values.out,
      `seed${seed}-${f.index}-${f.reader}-${f.input.name.replace(/[\\/]/g, '_')}`,
    );
    writeFileSync(file, f.input.bytes);
    console.error(
      `失败：第 ${f.index} 个输入（${f.input.how}），${f.reader}：${f.message.split('\n')[0]} → ${file}`,
    );
  }
  process.exitCode = 1;
}
