import { UserError } from '../core/errors.ts';
import { unzipLimited } from '../core/zip.ts';
import { SUPPORTED } from './read.ts';

/** Most reports one .zip upload may hold. */
const MAX_FILES = 100;
/** Reports are a few hundred KB each; a docx compresses XML about 5–10 times, a bomb ~1,000 times. */
const ZIP_LIMITS = { maxEntries: 1_000, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 200 };

const supported = (n: string): boolean => SUPPORTED.some((e) => n.toLowerCase().endsWith(e));

/** The reports in an upload: one file, or every supported report in a .zip (bounded against zip bombs). */
export function uploadedReports(name: string, bytes: Uint8Array): { name: string; bytes: Uint8Array }[] {
  if (!/\.zip$/i.test(name)) return [{ name, bytes }];
  let count = 0;
  const files = unzipLimited(bytes, {
    limits: ZIP_LIMITS,
    label: `压缩包“${name}”`,
    want: (n) => {
      if (n.endsWith('/') || !supported(n) || /(^|\/)(__MACOSX|\.)/.test(n)) return false;
      if (++count > MAX_FILES)
        throw new UserError(`压缩包内报告过多：最多 ${MAX_FILES} 份`, 'too_large', 413);
      return true;
    },
  });
  const out = [...files].map(([n, b]) => ({ name: n.split('/').pop() ?? n, bytes: b }));
  if (out.length === 0)
    throw new UserError(`压缩包中没有可审阅的报告（支持 ${SUPPORTED.join('、')}）`, 'empty_file');
  return out;
}
