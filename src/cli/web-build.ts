/**
 * Builds the web app (web/ → web/dist) when the build is missing or older than its inputs, so
 * `npm ci && npm start` serves the app without a separate build step.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = join(repoRoot, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');
/** Written after a successful build; its mtime is the build's time. */
const STAMP = 'dist/.build-stamp';

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * The newest change among what the build is made from: the app's sources, its Vite and
 * TypeScript configuration, and the installed dependencies (package.json and the lockfile, which
 * change when a dependency is upgraded).
 */
export function sourcesMtime(root = repoRoot): number {
  const web = join(root, 'web');
  const parts = [
    join(web, 'src'),
    join(web, 'index.html'),
    join(web, 'vite.config.ts'),
    join(web, 'tsconfig.json'),
    join(web, 'package.json'),
    join(root, 'package.json'),
    join(root, 'package-lock.json'),
  ];
  return Math.max(...parts.filter((p) => existsSync(p)).map(newestMtime));
}

/** True when web/dist is missing or older than one of its inputs (`root` is the repository). */
export function webBuildStale(root = repoRoot): boolean {
  const web = join(root, 'web');
  if (!existsSync(join(web, 'index.html'))) return false;
  const stamp = join(web, STAMP);
  if (!existsSync(stamp) || !existsSync(join(web, 'dist', 'index.html'))) return true;
  return statSync(stamp).mtimeMs < sourcesMtime(root);
}

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.webmanifest']);
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Writes `name.gz` and `name.br` beside each text file of the build, at the strongest settings
 * (done once per build), for the server to send to clients that accept them.
 */
export async function precompress(dir: string): Promise<void> {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (COMPRESSIBLE.has(extname(e.name))) files.push(p);
    }
  };
  walk(dir);
  await Promise.all(
    files.map(async (f) => {
      const data = await readFile(f);
      // Below about a kilobyte compression saves less than a packet.
      if (data.length < 1024) return;
      const [gz, br] = await Promise.all([
        gzipAsync(data, { level: 9 }),
        brotliAsync(data, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
        }),
      ]);
      await Promise.all([writeFile(`${f}.gz`, gz), writeFile(`${f}.br`, br)]);
    }),
  );
}

/** Runs Vite's production build with web/vite.config.ts, precompresses it and stamps the result. */
export async function buildWeb(opts: { quiet?: boolean } = {}): Promise<void> {
  const { build } = await import('vite');
  // Vite lets NODE_ENV override the mode, and test runners set NODE_ENV=test: that would build
  // React's development bundle (every effect run twice). Users always get the production build.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: WEB_DIR,
      configFile: join(WEB_DIR, 'vite.config.ts'),
      mode: 'production',
      logLevel: opts.quiet ? 'error' : 'warn',
    });
  } finally {
    if (env === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = env;
  }
  await precompress(WEB_DIST);
  writeFileSync(join(WEB_DIR, STAMP), new Date().toISOString() + '\n');
}

/** Builds the web app if its build is missing or stale; prints one Chinese line while building. */
export async function ensureWebBuild(): Promise<void> {
  if (!webBuildStale()) return;
  console.log('正在构建网页界面（web/dist），首次启动约需半分钟……');
  await buildWeb({ quiet: true });
}
