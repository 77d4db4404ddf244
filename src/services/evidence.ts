import { fileTypeFromBuffer } from 'file-type';
import { UserError, notFound } from '../core/errors.ts';
import type { Scope } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import * as repo from '../db/evidence.repo.ts';
import { getRecord } from '../db/records.repo.ts';
import type { EvidenceRow } from '../db/schema.ts';
import { FileStore } from './file-store.ts';

/** Largest evidence file accepted (a phone photo or a scanned multi-page PDF). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** Accepted evidence types, decided from the file's content, never its name. */
export const EVIDENCE_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'image/webp': 'WebP 图片',
  'image/heic': 'HEIC 图片',
  'image/tiff': 'TIFF 扫描件',
  'application/pdf': 'PDF 文件',
};

export interface Evidence {
  readonly id: number;
  readonly recordId: number;
  readonly fileName: string;
  readonly mime: string;
  readonly size: number;
  readonly sha256: string;
  readonly createdAt: string;
}

export const toEvidence = (r: EvidenceRow): Evidence => ({
  id: r.id,
  recordId: Number(r.record_id),
  fileName: r.file_name,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
  createdAt: r.created_at,
});

/** Keeps a file name safe to show and to offer for download: no folders, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters are exactly what must go.
  // eslint-disable-next-line no-control-regex
  const unsafe = /[\u0000-\u001f\u007f<>:"|?*]/g;
  const clean = base.replace(unsafe, '').replace(/^\.+/, '').trim().slice(0, 120);
  return clean || '证据文件';
}

/** Sniffs the type from the bytes; refuses empty, oversized and unaccepted files. */
export async function checkEvidence(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw new UserError('证据文件为空', 'empty_file');
  if (bytes.length > MAX_EVIDENCE_BYTES) {
    throw new UserError(
      `证据文件 ${(bytes.length / 1048576).toFixed(1)} MB，超过上限 20 MB`,
      'too_large',
      413,
    );
  }
  const t = await fileTypeFromBuffer(bytes);
  if (!t || !(t.mime in EVIDENCE_TYPES)) {
    throw new UserError(
      `不支持的证据文件类型${t ? `（${t.mime}）` : ''}：只接受 ${Object.values(EVIDENCE_TYPES).join('、')}`,
      'unsupported_type',
      415,
    );
  }
  return t.mime;
}

/** A checked evidence file whose bytes are in the store, ready for its row. */
export interface StoredFile {
  readonly sha256: string;
  readonly fileName: string;
  readonly mime: string;
  readonly size: number;
}

/** Checks a file's type and size and puts its bytes in the content-addressed store. */
export async function storeEvidenceFile(
  store: FileStore,
  file: { name: string; bytes: Uint8Array },
): Promise<StoredFile> {
  const mime = await checkEvidence(file.bytes);
  const sha256 = await store.put(file.bytes);
  return { sha256, fileName: safeFileName(file.name), mime, size: file.bytes.length };
}

export async function listEvidence(h: Db, scope: Scope, recordId: number): Promise<Evidence[]> {
  const record = await getRecord(h.db, scope, recordId);
  if (!record) throw notFound(`记录 ${recordId} 不存在或无权访问`);
  return (await repo.evidenceOfRecord(h.db, recordId)).map(toEvidence);
}

/** The file and its bytes, checked against the content address so a tampered file is not served. */
export async function readEvidence(
  h: Db,
  store: FileStore,
  scope: Scope,
  id: number,
): Promise<{ evidence: Evidence; bytes: Buffer }> {
  const row = await repo.getEvidence(h.db, id);
  if (!row || !(await getRecord(h.db, scope, Number(row.record_id))))
    throw notFound(`证据 ${id} 不存在或无权访问`);
  const bytes = await store.get(row.sha256);
  if (FileStore.sha256(bytes) !== row.sha256)
    throw new UserError(`证据 ${id} 的文件内容与登记的摘要不符，可能已被改动`, 'corrupt', 500);
  return { evidence: toEvidence(row), bytes };
}
