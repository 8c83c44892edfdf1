/** The pages' styles as build.mjs ships them: inlined, the shared base first, nothing left to fetch. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { inlineStyles, PAGES } from '../../build.mjs';

const ROOT = path.resolve(__dirname, '../..');
const inline = inlineStyles as (html: string, pageDir: string) => Promise<string>;

describe('page styles', () => {
  it('inlines every page stylesheet, the shared base among them', async () => {
    const base = await readFile(path.join(ROOT, 'src/ui/base.css'), 'utf8');
    for (const page of PAGES as string[]) {
      const dir = path.join(ROOT, 'src', page);
      const html = await inline(await readFile(path.join(dir, 'index.html'), 'utf8'), dir);
      expect(html, page).not.toMatch(/<link[^>]+stylesheet/);
      expect(html, page).toContain(base);
      expect(html.indexOf(base), page).toBeLessThan(html.lastIndexOf('<style>'));
    }
  });

  it('refuses a stylesheet link it cannot inline', async () => {
    await expect(inline('<link href="x.css" rel="stylesheet">', ROOT)).rejects.toThrow(/cannot inline/);
  });
});
