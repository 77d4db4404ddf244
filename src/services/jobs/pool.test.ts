import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../core/errors.ts';
import { JobPool, inProcess } from './pool.ts';

const text = (s: string) => new TextEncoder().encode(s);
const REPORT = '一、2024年推进法治政府建设的主要举措和成效\n全年开展普法宣传活动12场，化解矛盾纠纷30件。\n';
/** Figures in one endless sentence: linear now, but still seconds of work at 1.8 million characters. */
const HEAVY = '开展普法宣传活动共12次'.repeat(150_000);

const caught = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe('the job pool', () => {
  const pools: JobPool[] = [];
  const pool = (...args: ConstructorParameters<typeof JobPool>): JobPool => {
    const p = new JobPool(...args);
    pools.push(p);
    return p;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it('runs a job on a worker thread with the same answer as in-process', async () => {
    const input = { fileName: '甲镇.txt', bytes: text(REPORT), year: 2024 };
    const onWorker = await pool().run('review', input);
    expect(onWorker).toEqual(await inProcess.run('review', input));
    expect(onWorker[0]).toMatchObject({ file: '甲镇.txt', year: 2024 });
  });

  it('rebuilds a UserError thrown on the worker, with its code and status', async () => {
    const e = await caught(pool().run('review', { fileName: '包.zip', bytes: text('PK not a zip') }));
    expect(e).toBeInstanceOf(UserError);
    expect(e).toMatchObject({ code: 'corrupt_file', status: 400 });
    expect((e as Error).message).toMatch(/压缩包“包\.zip”已损坏/);
  });

  it('kills a job over its time budget, answers in Chinese and serves the next job', async () => {
    const p = pool({ size: 1, budgets: { review: { timeMs: 300 } } });
    await p.run('review', { fileName: 'warm.txt', bytes: text(REPORT) }); // the worker is up
    const t = performance.now();
    const e = await caught(p.run('review', { fileName: '大.txt', bytes: text(HEAVY) }));
    const took = performance.now() - t;
    expect(e).toBeInstanceOf(UserError);
    expect(e).toMatchObject({ code: 'job_timeout', status: 422 });
    expect((e as Error).message).toBe('文件处理超时（超过0.3秒），已中止；请检查文件是否过大或损坏');
    expect(took).toBeLessThan(2_000);
    expect(p.workers).toBe(0); // the worker was terminated, not left running
    const next = await p.run('review', { fileName: '甲镇.txt', bytes: text(REPORT) });
    expect(next[0]).toMatchObject({ file: '甲镇.txt' });
  });

  it('kills a worker over its memory budget, answers in Chinese and serves the next job', async () => {
    const p = pool({ size: 1, budgets: { readLedger: { memoryMb: 48, youngMb: 8 } } });
    // 16 MB of one-character cells: some 8 million strings in row arrays, far past a 48 MB heap.
    const csv = text('a,b,c,d,e,f,g,h\n'.repeat(1_000_000));
    const input = { fileName: '台账.csv', bytes: csv, format: 'csv' as const, maxBytes: 20 * 1024 * 1024 };
    const e = await caught(p.run('readLedger', input));
    expect(e).toBeInstanceOf(UserError);
    expect(e).toMatchObject({ code: 'job_memory', status: 413 });
    expect((e as Error).message).toBe('文件处理所需内存超过限制（48 MB），已中止；请检查文件是否过大或损坏');
    const small = { ...input, bytes: text('日期,标题\n2024-01-02,宣传\n') };
    const sheets = await p.run('readLedger', small);
    expect(sheets[0]?.rows).toHaveLength(2);
  });

  it('answers 503 at once when every worker is busy and the queue is full', async () => {
    const p = pool({ size: 1, queueLimit: 1, budgets: { review: { timeMs: 5_000 } } });
    const job = { fileName: '甲镇.txt', bytes: text(REPORT) };
    const running = p.run('review', job);
    const queued = p.run('review', job);
    const e = await caught(p.run('review', job));
    expect(e).toBeInstanceOf(UserError);
    expect(e).toMatchObject({ code: 'busy', status: 503, message: '服务器繁忙，请稍后再试' });
    await Promise.all([running, queued]);
  });

  it('runs different kinds side by side, each on a worker with its own budget', async () => {
    const p = pool({ size: 2 });
    const [review, sheets] = await Promise.all([
      p.run('review', { fileName: '甲镇.txt', bytes: text(REPORT) }),
      p.run('readLedger', {
        fileName: 'a.csv',
        bytes: text('日期,标题\n2024-01-02,宣传\n'),
        format: 'csv',
        maxBytes: 1024,
      }),
    ]);
    expect(review).toHaveLength(1);
    expect(sheets).toHaveLength(1);
    expect(p.workers).toBe(2);
  });
});
