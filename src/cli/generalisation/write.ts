/** Writes a generalisation result as JSON and markdown (docs/generalisation.{json,md} by default). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderGeneralisationMarkdown } from './markdown.js';
import type { GeneralisationResult } from './types.js';

/** JSON with non-finite numbers as null (JSON has no NaN). */
export function resultToJson(result: GeneralisationResult): string {
  return `${JSON.stringify(result, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}

/** Writes `<base>.json` and `<base>.md`; returns the two paths. */
export async function writeGeneralisationFiles(
  result: GeneralisationResult,
  base: string,
): Promise<{ json: string; markdown: string }> {
  await mkdir(path.dirname(base), { recursive: true });
  const json = `${base}.json`;
  const markdown = `${base}.md`;
  await writeFile(json, resultToJson(result));
  await writeFile(
    markdown,
    `# Generalisation: unseen sources and DGA families\n\n${renderGeneralisationMarkdown(result)}`,
  );
  return { json, markdown };
}
