import { z } from 'zod';
import { actionLabels } from '../services/access.ts';
import type { RouteInfo } from './route.ts';

type Json = Record<string, unknown>;

function schemaOf(s: z.ZodType): Json {
  try {
    const js = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
    delete js.$schema;
    return js;
  } catch {
    return {};
  }
}

function parameters(r: RouteInfo): Json[] {
  const out: Json[] = [];
  for (const [where, s] of [
    ['path', r.params],
    ['query', r.query],
  ] as const) {
    if (!s) continue;
    const js = schemaOf(s) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema });
    }
  }
  return out;
}

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
      required: ['code', 'message'],
    },
  },
};

/** The OpenAPI 3.1 document, generated from the routes' zod schemas and access declarations. */
export function openApiDocument(routes: readonly RouteInfo[]): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const ok = String(r.status ?? 200);
    const op: Json = {
      summary: r.summary,
      tags: [r.tag],
      parameters: parameters(r),
      responses: {
        [ok]: r.produces
          ? {
              description: '文件',
              content: { [r.produces]: { schema: { type: 'string', format: 'binary' } } },
            }
          : { description: '成功（JSON）' },
        default: {
          description: '错误',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      'x-fazhi-access': r.access,
      description:
        r.access === 'public'
          ? '无需登录'
          : r.access === 'session'
            ? '须登录'
            : `须登录，权限：${actionLabels[r.access]}（${r.access}）`,
      ...(r.access === 'public' ? { security: [] } : {}),
    };
    if (r.upload) {
      op.requestBody = {
        required: true,
        content: {
          'application/octet-stream': {
            schema: { type: 'string', format: 'binary', maxLength: r.upload.maxBytes },
          },
        },
      };
    } else if (r.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body) } } };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'fazhi 法治政府建设工作平台 API',
      version: '0.1.0',
      description:
        '登录后凭 fazhi_session Cookie 访问；写操作（POST/PUT/PATCH/DELETE）须在 X-CSRF-Token 请求头中带上登录时返回的 csrfToken。错误统一为 {error: {code, message}}。',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fazhi_session' } },
      schemas: { Error: errorSchema },
    },
    security: [{ session: [] }],
    paths,
  };
}
