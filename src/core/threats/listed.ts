/**
 * The list's part of the one decision: a listed name is dangerous, whatever the model says, with
 * a reason naming the feed and its date. Kept apart from verdict.ts's model logic.
 */
import type { ScorableHost } from '../domain.js';
import type { ListedMatch, ThreatList } from './lookup.js';

/** What the verdict's `listed` reason says. */
export function listedMessage(match: ListedMatch): string {
  return `listed as ${match.feed.kind} by ${match.feed.name} (list of ${match.feed.date})`;
}

/** The list match for a parsed host, or null (no list, or not on it). */
export function listedMatch(list: ThreatList | undefined, parsed: ScorableHost): ListedMatch | null {
  return list ? list.lookup(parsed.host, parsed.registrableDomain) : null;
}
