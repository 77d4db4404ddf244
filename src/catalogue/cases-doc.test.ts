import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { casesMarkdown } from './cases-doc.ts';

describe('docs/cases.md', () => {
  it('is in step with the case and clock declarations', async () => {
    const path = fileURLToPath(new URL('../../docs/cases.md', import.meta.url));
    const expected = await format(casesMarkdown(), { ...(await resolveConfig(path)), filepath: path });
    expect(readFileSync(path, 'utf8')).toBe(expected);
  });
});
