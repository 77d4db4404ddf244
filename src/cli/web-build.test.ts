import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompress, webBuildStale } from './web-build.ts';

/** A repository with web sources, a stamped build, and a lockfile, all dated `at` (seconds). */
function repo(at: number): string {
  const root = mkdtempSync(join(tmpdir(), 'fazhi-web-'));
  mkdirSync(join(root, 'web', 'src'), { recursive: true });
  mkdirSync(join(root, 'web', 'dist'));
  const files = ['web/index.html', 'web/src/main.tsx', 'web/dist/index.html', 'package-lock.json'];
  for (const f of files) writeFileSync(join(root, f), 'x');
  for (const f of [...files, 'web/src']) utimesSync(join(root, f), at, at);
  writeFileSync(join(root, 'web/dist/.build-stamp'), 'built');
  utimesSync(join(root, 'web/dist/.build-stamp'), at + 10, at + 10);
  return root;
}

describe('webBuildStale', () => {
  it('is fresh after a build, and stale once the lockfile changes (a dependency upgrade)', () => {
    const root = repo(1_700_000_000);
    expect(webBuildStale(root)).toBe(false);
    utimesSync(join(root, 'package-lock.json'), 1_700_000_100, 1_700_000_100);
    expect(webBuildStale(root)).toBe(true);
  });

  it('is stale when a source changes or the build is missing', () => {
    const root = repo(1_700_000_000);
    utimesSync(join(root, 'web/src/main.tsx'), 1_700_000_100, 1_700_000_100);
    expect(webBuildStale(root)).toBe(true);
    expect(webBuildStale(mkdtempSync(join(tmpdir(), 'fazhi-web-')))).toBe(false);
  });
});

describe('precompress', () => {
  it('writes .gz and .br beside text files that are worth it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-dist-'));
    const js = 'console.log("法治");\n'.repeat(200);
    writeFileSync(join(dir, 'app.js'), js);
    writeFileSync(join(dir, 'tiny.css'), 'a{}');
    writeFileSync(join(dir, 'logo.png'), Buffer.alloc(4096));
    await precompress(dir);
    expect(gunzipSync(readFileSync(join(dir, 'app.js.gz'))).toString()).toBe(js);
    expect(brotliDecompressSync(readFileSync(join(dir, 'app.js.br'))).toString()).toBe(js);
    expect(() => readFileSync(join(dir, 'tiny.css.gz'))).toThrow();
    expect(() => readFileSync(join(dir, 'logo.png.gz'))).toThrow();
  });
});
