/**
 * A Chinese phone number as people write it: a mobile (11 digits from 13–19, +86/0086 forgiven) or
 * a landline with its area code and an optional extension; spaces, brackets and dashes forgiven.
 * Returns the number written plainly (`13800138000`, `073188886666`, `01012345678-123`), or null.
 */
export function phoneNumber(input: string): string | null {
  const s = input.replace(/[\s（）()]/g, '').replace(/－/g, '-');
  const mobile = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(s.replace(/-/g, ''));
  if (mobile) return mobile[1]!;
  const landline = /^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$/.exec(s);
  if (landline) return `${landline[1]}${landline[2]}${landline[3] ? `-${landline[3]}` : ''}`;
  const plain = /^(0\d{2,3})-?(\d{3,4})-(\d{4})$/.exec(s);
  return plain ? `${plain[1]}${plain[2]}${plain[3]}` : null;
}
