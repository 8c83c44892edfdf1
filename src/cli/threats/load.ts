/** The packaged threat list for the CLI surfaces, read from the repository's threats/. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeThreatTable } from '../../core/threats/format.js';
import { createThreatList, type ThreatList } from '../../core/threats/lookup.js';
import { SHIPPED_THREATS_DIR, THREATS_LIST_FILE } from './paths.js';
import { errorText } from '../../core/error-text.js';

/** The list in `dir` (the shipped threats/ by default); a missing or damaged file is an error, not an empty list. */
export async function loadThreatList(dir: string = SHIPPED_THREATS_DIR): Promise<{ list: ThreatList; file: string }> {
  const file = path.join(dir, THREATS_LIST_FILE);
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new Error(`cannot read the threat list ${file}: ${errorText(error)} (snowman threats build writes it; --no-list judges without it)`);
  });
  return { list: createThreatList(decodeThreatTable(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))), file };
}
