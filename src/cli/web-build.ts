/**
 * Builds the web app (web/ → web/dist) when the build is missing or older than its sources, so
 * `npm ci && npm start` serves the app without a separate build step.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = join(repoRoot, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');
/** Written after a successful build; its mtime is the build's time. */
const STAMP = join(WEB_DIST, '.build-stamp');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** The newest change among the app's sources (web/src, index.html, Vite config). */
export function sourcesMtime(): number {
  const parts = [join(WEB_DIR, 'src'), join(WEB_DIR, 'index.html'), join(WEB_DIR, 'vite.config.ts')];
  return Math.max(...parts.filter((p) => existsSync(p)).map(newestMtime));
}

/** True when web/dist is missing or older than a source file. */
export function webBuildStale(): boolean {
  if (!existsSync(join(WEB_DIR, 'index.html'))) return false;
  if (!existsSync(STAMP) || !existsSync(join(WEB_DIST, 'index.html'))) return true;
  return statSync(STAMP).mtimeMs < sourcesMtime();
}

/** Runs Vite's production build with web/vite.config.ts and stamps the result. */
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
  writeFileSync(STAMP, new Date().toISOString() + '\n');
}

/** Builds the web app if its build is missing or stale; prints one Chinese line while building. */
export async function ensureWebBuild(): Promise<void> {
  if (!webBuildStale()) return;
  console.log('正在构建网页界面（web/dist），首次启动约需半分钟……');
  await buildWeb({ quiet: true });
}
