/** Tells the header's badge to count again (after messages were read, or a page did some work). */
export const BADGE_EVENT = 'fazhi:badge';

export function notifyBadge(): void {
  window.dispatchEvent(new Event(BADGE_EVENT));
}
