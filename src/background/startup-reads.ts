/**
 * What the background reads from its package at start-up, each read once and shared: the model's
 * metadata, the blend's n-gram members and the popular-site list. Unreadable files are logged and
 * answered with what lets browsing go on (no early answers, no quick check, nothing allowlisted).
 */
import { errorText } from '../core/error-text.js';
import { MODEL_FILES, type ModelFileReader } from '../core/model/file-names.js';
import { validateMetadata, type ModelMetadata } from '../core/model/metadata.js';
import { ngramBlendOf, readBlendMembers, type LoadedBlendMember } from '../core/ngram/blend.js';
import { loadPopularSites, parsePopularSites, type PopularSites } from '../core/popular-sites.js';
import { logWarning } from '../platform/log.js';
import { markStage } from './metrics.js';

const EMPTY_POPULAR: PopularSites = parsePopularSites('');
const utf8 = new TextDecoder();

export /**
 * The packaged model directory, with metadata.json fetched once (the answers from cached scores
 * need it early, and the engine reads it again with the rest of the model) and the files in
 * `prefetch` fetched from the start.
 */
function modelReader(
  readPackage: (path: string) => Promise<Uint8Array>,
  prefetch: readonly string[] = [],
): ModelFileReader {
  const read: ModelFileReader = (name) => readPackage(`model/${name}`);
  // `prefetch` (the blend's members, named by the build) is read without waiting for the metadata
  // that names them, one task after the worker's script: the browser serves a worker's package
  // reads about in order, and the event that woke the worker asks in its own task for the few
  // small pieces of the threat list its name needs, which then go ahead of these 3 MB. A name the
  // metadata does not list is simply never asked for.
  const later = (name: string): Promise<Uint8Array> =>
    new Promise((resolve) => setTimeout(resolve, 0)).then(() => read(name));
  const early = new Map<string, Promise<Uint8Array>>([
    [MODEL_FILES.metadata, read(MODEL_FILES.metadata)],
    ...prefetch.map((name): [string, Promise<Uint8Array>] => [name, later(name)]),
  ]);
  for (const reading of early.values()) reading.catch(() => undefined); // each reader of it handles the failure
  return (name) => {
    const reading = early.get(name);
    if (!reading) return read(name);
    if (name !== MODEL_FILES.metadata) early.delete(name); // read once: the engine reads the members only through the quick check's copy
    return reading;
  };
}

/** The model's metadata, or null (logged) when it cannot be read. */
export async function readMetadata(read: ModelFileReader): Promise<ModelMetadata | null> {
  try {
    return validateMetadata(JSON.parse(utf8.decode(await read(MODEL_FILES.metadata))));
  } catch (error) {
    logWarning(`model metadata unreadable, no answers before the model loads: ${errorText(error)}`);
    return null;
  }
}

/** The blend's n-gram members, for the quick check and then the engine; none for a plain CNN. */
export async function readMembers(read: ModelFileReader, metadata: ModelMetadata | null): Promise<LoadedBlendMember[]> {
  if (!metadata) throw new Error('the model metadata is unreadable');
  const spec = ngramBlendOf(metadata);
  if (!spec) return [];
  const members = await readBlendMembers(read, spec);
  markStage('n-gram members read');
  return members;
}

/** The members, or none (logged) when they cannot be read: the engine reports that failure itself. */
export async function membersOrNone(members: Promise<LoadedBlendMember[]>): Promise<LoadedBlendMember[]> {
  return members.catch((error: unknown) => {
    logWarning(`n-gram members unreadable, no quick check: ${errorText(error)}`);
    return [];
  });
}

/** The popular-site list, or an empty one (logged). */
export async function popularOrEmpty(readPackage: (path: string) => Promise<Uint8Array>): Promise<PopularSites> {
  try {
    const popular = await loadPopularSites(async (name) => utf8.decode(await readPackage(`model/${name}`)));
    markStage('popular list parsed');
    return popular;
  } catch (error) {
    logWarning(`popular-site list unavailable, nothing is allowlisted: ${errorText(error)}`);
    return EMPTY_POPULAR;
  }
}
