import type { FastifyInstance } from 'fastify';

// The API answers JSON and files only: nothing it sends may run script or be framed.
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// The web app's own files: scripts and styles from this origin only.
const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

// The public portal: its one style sheet and script from this origin, nothing inline, no frames.
const PORTAL_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Security headers on every answer (@fastify/helmet is not a dependency). */
export function registerSecurityHeaders(app: FastifyInstance, opts: { secure: boolean }): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const api = req.url.startsWith('/api/');
    // The docs page renders the OpenAPI document with a small inline script.
    const docsPage = req.url === '/api/docs' || req.url.startsWith('/api/docs?');
    // The public pages of published reports carry their own inline style sheet, and no script.
    const publicPage = /^\/api\/public\/(index|reports\/[^/?]+\/[^/?]+)(\?|$)/.test(req.url);
    const portal = req.url === '/public' || req.url.startsWith('/public/');
    reply.header(
      'Content-Security-Policy',
      portal
        ? PORTAL_CSP
        : publicPage
          ? API_CSP.replace(
              "default-src 'none'",
              "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            )
          : docsPage
            ? API_CSP.replace(
                "default-src 'none'",
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
              )
            : api
              ? API_CSP
              : APP_CSP,
    );
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (api) reply.header('Cache-Control', 'no-store');
    if (opts.secure) reply.header('Strict-Transport-Security', 'max-age=31536000');
    return payload;
  });
}
