/**
 * The meter shown beside a verdict: driven by the calibrated risk when the verdict carries one,
 * otherwise by the level; always kept inside the level's band and coloured by it, so the bar can
 * never say "nearly full" next to "Looks safe".
 */
import type { Verdict } from '../core/verdict.js';
import { formatNumber, t } from '../platform/i18n.js';

export interface MeterView {
  /** 0–1 fill of the bar. */
  readonly value: number;
  /** What the bar means, in words (also its accessible value). */
  readonly text: string;
}

const BANDS: Readonly<Record<string, readonly [number, number]>> = {
  safe: [0, 0.35],
  suspicious: [0.5, 0.8],
  dangerous: [0.8, 1],
};
const LEVEL_FILL: Readonly<Record<string, number>> = { safe: 0.1, suspicious: 0.65, dangerous: 0.95 };

/** The calibrated risk (0–1) when the verdict has one (a model without a calibration gives none). */
export function calibratedRisk(verdict: Verdict): number | null {
  const { risk } = verdict;
  return risk !== null && Number.isFinite(risk) ? Math.min(1, Math.max(0, risk)) : null;
}

/** The meter for a verdict; null for verdicts with no level to show (not scored). */
export function meterFor(verdict: Verdict): MeterView | null {
  const band = BANDS[verdict.level];
  if (!band) return null;
  const risk = calibratedRisk(verdict);
  const value = risk === null ? LEVEL_FILL[verdict.level]! : Math.min(band[1], Math.max(band[0], risk));
  if (verdict.level === 'safe') return { value, text: t('popup_meter_not_flagged') };
  const dangerous = verdict.level === 'dangerous';
  if (risk === null) return { value, text: dangerous ? t('popup_meter_high') : t('popup_meter_some') };
  const percent = percentBelow(risk);
  return { value, text: dangerous ? t('popup_meter_high_percent', percent) : t('popup_meter_some_percent', percent) };
}

/** Whole percent, with one decimal in the top percent where every flagged name lives (99.9, not 99). */
function percentBelow(risk: number): string {
  return risk >= 0.99
    ? formatNumber(Math.floor(risk * 1000) / 10, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    : formatNumber(Math.floor(risk * 100));
}
