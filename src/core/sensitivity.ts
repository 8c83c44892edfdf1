/**
 * How readily Snowman interrupts: one decision for every surface (navigation guard, link
 * badges), so the options page's choice means the same thing everywhere. The levels themselves
 * come from the model metadata's thresholds (core/verdict.ts); this only says what each level
 * triggers.
 */
import type { VerdictLevel } from './verdict.js';

export type Sensitivity = 'relaxed' | 'balanced' | 'strict';

/** In the order the options page offers them. */
export const SENSITIVITIES: readonly Sensitivity[] = ['relaxed', 'balanced', 'strict'];
export const DEFAULT_SENSITIVITY: Sensitivity = 'balanced';

/** True for one of the three sensitivity names. */
export function isSensitivity(value: unknown): value is Sensitivity {
  return typeof value === 'string' && (SENSITIVITIES as readonly string[]).includes(value);
}

export interface Alerting {
  /** Stop the navigation and show the warning page. */
  readonly interrupt: boolean;
  /** Mark links to such a site on pages. */
  readonly badgeLink: boolean;
}

/**
 * What a verdict level triggers. Relaxed: only dangerous names warn or get a link badge.
 * Balanced: dangerous names warn, suspicious ones get a badge. Strict: suspicious names warn too.
 */
export function alertingFor(level: VerdictLevel | 'error', sensitivity: Sensitivity): Alerting {
  if (level === 'dangerous') return { interrupt: true, badgeLink: true };
  if (level === 'suspicious') return { interrupt: sensitivity === 'strict', badgeLink: sensitivity !== 'relaxed' };
  return { interrupt: false, badgeLink: false };
}
