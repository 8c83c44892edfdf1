/**
 * What the background reads from its package at start-up, each read once and shared: the
 * metadata the start decides with, the quick check's members and the blend's, and the popular
 * list with the lookalike indexes. The first and the last come prepared by the build (core/start-files.ts); a
 * prepared file that is missing or damaged is logged and its source read instead. Unreadable
 * sources are logged and answered with what lets browsing go on (no early answers, no quick
 * check, nothing allowlisted).
 */
import { errorText } from '../core/error-text.js';
import { createLookalikeDetector } from '../core/lookalike/index.js';
import {
  decodeLookalikeTables,
  LOOKALIKE_TABLES_FILE,
  type PopularAndLookalikes,
} from '../core/lookalike/prepared-tables.js';
import { MODEL_FILES, type ModelFileReader } from '../core/model/file-names.js';
import { validateMetadata, type ModelMetadata } from '../core/model/metadata.js';
import { ngramBlendOf, readBlendMembers, type LoadedBlendMember } from '../core/ngram/blend.js';
import { hasOwnQuickMembers, readQuickMembers } from '../core/ngram/quick-check.js';
import { loadPopularSites, parsePopularSites } from '../core/popular-sites.js';
import { START_METADATA_FILE } from '../core/start-files.js';
import { logWarning } from '../platform/log.js';
import { markedWhen, markStage } from './metrics.js';

const utf8 = new TextDecoder();

export /**
 * The packaged model directory, with the start's metadata fetched at once (the answers from
 * cached scores need it early; the engine reads metadata.json itself with the rest of the model)
 * and the files in `prefetch` fetched from the start.
 */
function modelReader(
  readPackage: (path: string) => Promise<Uint8Array>,
  prefetch: readonly string[] = [],
): ModelFileReader {
  const read: ModelFileReader = (name) => readPackage(`model/${name}`);
  // `prefetch` (the quick check's members, named by the build) is read without waiting for the
  // metadata that names them, one task after the worker's script: the browser serves a worker's
  // package reads about in order, and the event that woke the worker asks in its own task for the
  // few small pieces of the threat list its name needs, which then go ahead of these. A name the
  // metadata does not list is simply never asked for.
  const later = (name: string): Promise<Uint8Array> =>
    new Promise((resolve) => setTimeout(resolve, 0)).then(() => read(name));
  const early = new Map<string, Promise<Uint8Array>>([
    [START_METADATA_FILE, markedWhen('metadata bytes read', read(START_METADATA_FILE))],
    ...prefetch.map((name): [string, Promise<Uint8Array>] => [name, markedWhen("a member's bytes read", later(name))]),
  ]);
  for (const reading of early.values()) reading.catch(() => undefined); // each reader of it handles the failure
  return (name) => {
    const reading = early.get(name);
    if (!reading) return read(name);
    early.delete(name); // read once: a member the quick check shares with the engine is read for both
    return reading;
  };
}

async function metadataIn(read: ModelFileReader, name: string): Promise<ModelMetadata> {
  return validateMetadata(JSON.parse(utf8.decode(await read(name))));
}

/** The model's metadata as the start decides with it, or null (logged) when it cannot be read. */
export async function readMetadata(read: ModelFileReader): Promise<ModelMetadata | null> {
  try {
    const metadata = await metadataIn(read, START_METADATA_FILE).catch(async (error: unknown) => {
      logWarning(`${START_METADATA_FILE} unusable, reading ${MODEL_FILES.metadata}: ${errorText(error)}`);
      return metadataIn(read, MODEL_FILES.metadata);
    });
    markStage('metadata parsed');
    return metadata;
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

/** The members, or none (logged) when they cannot be read: the engine reports a failure of its own members itself. */
export async function membersOrNone(members: Promise<LoadedBlendMember[]>): Promise<LoadedBlendMember[]> {
  return members.catch((error: unknown) => {
    logWarning(`quick-check members unreadable, no answers before the model loads: ${errorText(error)}`);
    return [];
  });
}

/** The two reads of n-gram members: the quick check's, and the engine's once `engineMayRead` settles. */
export interface MemberReads {
  readonly quick: Promise<LoadedBlendMember[]>;
  engine(engineMayRead: Promise<unknown>): Promise<LoadedBlendMember[]>;
}

/**
 * Reads the quick check's members as soon as the metadata is in; the blend's members, when the
 * quick check has members of its own, only once `engineMayRead` settles (after the first answers:
 * the bytes read before them decide how soon they come), else they are the quick check's members,
 * read once for both. A quick member that is missing or damaged costs the early answers (its
 * thresholds fit no other scores), never the engine's members.
 */
export function readMemberSets(read: ModelFileReader, metadata: Promise<ModelMetadata | null>): MemberReads {
  const own = metadata.then((m) => m !== null && hasOwnQuickMembers(m));
  const blend = () => metadata.then((m) => readMembers(read, m));
  const quick = own.then(async (yes) => (yes ? readQuickMembers(read, (await metadata)!) : blend()));
  quick.catch(() => undefined); // membersOrNone logs it; the engine reports its own
  return {
    quick,
    engine: (engineMayRead) => own.then((yes) => (yes ? engineMayRead.then(blend, blend) : quick)),
  };
}

/** The popular list parsed from its source and the detector built over it (the fallback, and Node's way). */
async function parsedLookalikes(readPackage: (path: string) => Promise<Uint8Array>): Promise<PopularAndLookalikes> {
  try {
    const popular = await loadPopularSites(async (name) => utf8.decode(await readPackage(`model/${name}`)));
    return { popular, findLookalikes: createLookalikeDetector(popular) };
  } catch (error) {
    logWarning(`popular-site list unavailable, nothing is allowlisted: ${errorText(error)}`);
    const popular = parsePopularSites('');
    return { popular, findLookalikes: createLookalikeDetector(popular) };
  }
}

/** The popular list and the lookalike detector: from the prepared tables, else (logged) from the source list. */
export async function readLookalikes(
  readPackage: (path: string) => Promise<Uint8Array>,
): Promise<PopularAndLookalikes> {
  let found: PopularAndLookalikes;
  try {
    const bytes = await readPackage(`model/${LOOKALIKE_TABLES_FILE}`);
    markStage('lookalike tables bytes read');
    found = decodeLookalikeTables(bytes);
  } catch (error) {
    logWarning(`${LOOKALIKE_TABLES_FILE} unusable, parsing the popular list: ${errorText(error)}`);
    found = await parsedLookalikes(readPackage);
  }
  markStage('lookalike detector built');
  return found;
}
