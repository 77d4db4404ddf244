import { isIP } from 'node:net';
import { UserError } from '../core/errors.ts';

/**
 * The reverse proxies whose X-Forwarded-For hop is believed, as addresses or CIDR blocks
 * (`10.0.0.1`, `10.0.0.0/8`, `::1`). Fastify walks X-Forwarded-For from the right and stops at
 * the first address not on the list, so a client cannot choose its own address by sending the
 * header itself: the audit log and the per-address login limits see the address the trusted
 * proxy saw. `loopback`, `linklocal` and `uniquelocal` name the usual ranges.
 */
export function parseTrustedProxies(text: string | undefined): string[] {
  if (text === undefined) return [];
  const items = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) continue;
    const [addr = '', bits, ...rest] = item.split('/');
    const v = isIP(addr);
    const max = v === 4 ? 32 : 128;
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
    if (v === 0 || !okBits || rest.length > 0)
      throw new UserError(
        `受信任代理“${item}”无效：应为 IP 地址或 CIDR 网段（如 10.0.0.1、10.0.0.0/8），多个用逗号分隔`,
        'bad_trust_proxy',
      );
  }
  return items;
}
