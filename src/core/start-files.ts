/**
 * Files the build derives from the model directory for a starting extension worker (build.mjs
 * writes them beside the model; test/support/fake-platform.ts derives them the same way): the
 * metadata without its free-form reports, and the popular list with the lookalike indexes
 * prepared (lookalike/prepared-tables.ts). A retrained model carries them with no hand work; the
 * worker falls back to the source files when one is missing or damaged. The build packs what the
 * first answer reads (these and the quick check's members) with gzip; `unpacked` reads either form.
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

/** gzip's magic: no file a worker reads from the model directory starts with it unless packed. */
const GZIP_MAGIC = [0x1f, 0x8b] as const;

async function streamed(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * A file as the build packs it for a starting worker: gzip. Reading a package file costs a
 * starting worker about its size in time (bench/sections/worker-floor.ts), far more than
 * inflating it does.
 */
export function packed(bytes: Uint8Array): Promise<Uint8Array> {
  return streamed(bytes, new CompressionStream('gzip'));
}

/** A file's bytes as written before packing: inflated when gzip, else as they are (a build without packing, a test's copy). */
export async function unpacked(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return bytes;
  return streamed(bytes, new DecompressionStream('gzip'));
}

/** The derived files by name, from the model directory's files read through `read`. */
export async function startFiles(read: (name: string) => Promise<Uint8Array>): Promise<Record<string, Uint8Array>> {
  const text = async (name: string): Promise<string> => new TextDecoder().decode(await read(name));
  return {
    [START_METADATA_FILE]: new TextEncoder().encode(startMetadata(await text(MODEL_FILES.metadata))),
    [LOOKALIKE_TABLES_FILE]: encodeLookalikeTables(await text(POPULAR_SITES_FILE)),
  };
}
