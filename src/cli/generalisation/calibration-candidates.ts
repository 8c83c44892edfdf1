/**
 * Candidates trained the way `snowman train --calibration-holdout` trains: a share of every benign
 * list's registrable domains leaves the fold's training names before anything is fitted, so the
 * cost of training on fewer benign names is measured, not assumed. The thresholds are then set on
 * a hold-out by the threshold screen (`SCREEN_MODE=holdout`); the validation names stay whole so
 * every member of a blend scores the same validation rows.
 */
import { DEFAULT_CALIBRATION_HOLDOUT, holdOutCalibration } from '../train/calibration-holdout.js';
import type { CandidateModel } from './candidate.js';

/** Name suffix of a candidate trained without the calibration hold-out. */
export const CALIBRATION_SUFFIX = '-cal';

/** `base` trained without `share` of every benign list's training registrable domains. */
export function withoutCalibrationHoldout(
  base: CandidateModel,
  share: number = DEFAULT_CALIBRATION_HOLDOUT,
): CandidateModel {
  return {
    name: `${base.name}${CALIBRATION_SUFFIX}`,
    description: `${base.description}; trained without a ${share} calibration hold-out of every benign list`,
    async train(train, validation, context) {
      const { rest, calibration } = holdOutCalibration(train, share, context.seed);
      context.log(`  ${base.name}${CALIBRATION_SUFFIX}: ${calibration.length} benign names held out for calibration`);
      return base.train(rest, validation, context);
    },
  };
}
