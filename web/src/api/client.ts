/** The one way the web app talks to the server: JSON in and out, the CSRF token on writes, Chinese errors. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly query?: Query;
  /** A JSON body. */
  readonly json?: unknown;
  /** A raw file body (evidence, spreadsheets, reports), sent with its name in X-File-Name. */
  readonly file?: File | Blob;
  readonly fileName?: string;
}

/** Fired when the server says the session has ended, so the app can go back to the login page. */
export const UNAUTHENTICATED_EVENT = 'fazhi:unauthenticated';

function csrfToken(): string {
  const m = /(?:^|;\s*)fazhi_csrf=([^;]*)/.exec(document.cookie);
  return m?.[1] ? decodeURIComponent(m[1]) : '';
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let code = 'http_' + res.status;
  let message = `请求失败（HTTP ${res.status}）`;
  let details: unknown;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
    details = body.error?.details;
  } catch {
    if (res.status === 404) message = '接口不存在（服务器尚未提供此功能）';
  }
  return new ApiError(res.status, code, message, details);
}

/** Sends a request; returns the fetch Response after checking the status. */
export async function send(path: string, o: RequestOptions = {}): Promise<Response> {
  const method = o.method ?? (o.json !== undefined || o.file ? 'POST' : 'GET');
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (o.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(o.json);
  } else if (o.file) {
    headers['Content-Type'] = 'application/octet-stream';
    const name = o.fileName ?? (o.file instanceof File ? o.file.name : 'upload.bin');
    headers['X-File-Name'] = encodeURIComponent(name);
    body = o.file;
  }
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  const res = await fetch(withQuery(path, o.query), { method, headers, body, credentials: 'same-origin' });
  if (!res.ok) {
    const err = await toError(res);
    if (err.status === 401 && !path.startsWith('/api/auth/login'))
      window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw err;
  }
  return res;
}

/** A JSON request. */
export async function api<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const res = await send(path, o);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** The file name from a Content-Disposition header (RFC 6266 filename*), or the fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** Downloads a file the browser way (an anchor with `download`), keeping the server's file name. */
export async function download(path: string, fallbackName: string, o: RequestOptions = {}): Promise<string> {
  const res = await send(path, o);
  const blob = await res.blob();
  const name = fileNameOf(res, fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** A list from an answer: a bare array, `{items}`, or `{<name>}`; anything else is an empty list. */
export function itemsOf<T>(x: unknown, name?: string): readonly T[] {
  if (Array.isArray(x)) return x as T[];
  if (!x || typeof x !== 'object') return [];
  const o = x as Record<string, unknown>;
  const v = (name ? o[name] : undefined) ?? o.items;
  return Array.isArray(v) ? (v as T[]) : [];
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
