import { randomBytes } from 'node:crypto';
import { rm, stat, writeFile, rename } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../core/errors.ts';

/** Why a path cannot be written, in Chinese, from a Node error code. */
function reason(code: string | undefined, path: string): string {
  switch (code ?? '') {
    case 'ENOENT':
    case 'ENOTDIR':
      return `输出目录不存在：${dirname(path)}`;
    case 'EACCES':
    case 'EPERM':
      return `没有写入权限：${dirname(path)}`;
    case 'EROFS':
      return `输出位置是只读的：${dirname(path)}`;
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EISDIR':
      return `输出路径是一个目录：${path}`;
    default:
      return `无法写入 ${path}（${code ?? '未知错误'}）`;
  }
}

const codeOf = (e: unknown): string | undefined =>
  e && typeof e === 'object' && 'code' in e ? String(e.code) : undefined;

/** Fails early, before any work, when the directory is missing or not a directory. */
export async function checkOutputDir(dir: string): Promise<void> {
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw new UserError(`输出目录不存在：${dir}（该路径不是目录）`, 'bad_output');
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(reason(codeOf(e) === 'ENOENT' ? 'ENOENT' : codeOf(e), join(dir, 'x')), 'bad_output');
  }
}

/**
 * Writes a file whole or not at all: to a temporary file in the same directory, then renamed over
 * the target, so a failure never leaves a partial report behind.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<string> {
  const target = resolve(path);
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    await rename(tmp, target);
    return target;
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new UserError(`写入报告失败：${reason(codeOf(e), target)}`, 'bad_output');
  }
}
