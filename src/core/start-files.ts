/**
 * Files the build derives from the model directory for a starting extension worker (build.mjs
 * writes them beside the model; test/support/fake-platform.ts derives them the same way): the
 * metadata without its free-form reports, and the popular list with the lookalike indexes
 * prepared (lookalike/prepared-tables.ts). A retrained model carries them with no hand work; the
 * worker falls back to the source files when one is missing or damaged.
 */
import { encodeLookalikeTables, LOOKALIKE_TABLES_FILE } from './lookalike/prepared-tables.js';
import { MODEL_FILES } from './model/file-names.js';
import { POPULAR_SITES_FILE } from './popular-sites.js';

/** The metadata a starting worker decides with: metadata.json without `metrics` and `provenance`, unindented. */
export const START_METADATA_FILE = 'metadata-start.json';

/** Entries of metadata.json that only reports read (about half of the file). */
const REPORT_ONLY = new Set(['metrics', 'provenance']);

/** metadata.json's text as the start reads it. */
export function startMetadata(metadataText: string): string {
  const metadata = JSON.parse(metadataText) as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.entries(metadata).filter(([key]) => !REPORT_ONLY.has(key))));
}

/** The derived files by name, from the model directory's files read through `read`. */
export async function startFiles(read: (name: string) => Promise<Uint8Array>): Promise<Record<string, Uint8Array>> {
  const text = async (name: string): Promise<string> => new TextDecoder().decode(await read(name));
  return {
    [START_METADATA_FILE]: new TextEncoder().encode(startMetadata(await text(MODEL_FILES.metadata))),
    [LOOKALIKE_TABLES_FILE]: encodeLookalikeTables(await text(POPULAR_SITES_FILE)),
  };
}
