/**
 * The packaged threat list in the background: read from the package at start-up, alongside the
 * popular list, so a listed name is answered before the model has loaded. Chrome also enforces it
 * with the static DNR ruleset build.mjs writes; the worker's copy gives the reason and the
 * Firefox guard its answer.
 */
import { decodeThreatTable } from '../core/threats/format.js';
import { createThreatList, EMPTY_THREAT_LIST, type ThreatList } from '../core/threats/lookup.js';
import { logWarning } from '../platform/log.js';
import { markStage } from './metrics.js';
import { errorText } from '../core/error-text.js';

export const THREAT_LIST_PATH = 'threats/list.bin';

/** The list, or an empty one (logged) when the file is missing or damaged: the model still judges. */
export async function loadPackagedThreats(read: (path: string) => Promise<Uint8Array>): Promise<ThreatList> {
  try {
    const list = createThreatList(decodeThreatTable(await read(THREAT_LIST_PATH)));
    markStage('threat list loaded');
    return list;
  } catch (error) {
    logWarning(`threat list unavailable, the model judges alone: ${errorText(error)}`);
    return EMPTY_THREAT_LIST;
  }
}
