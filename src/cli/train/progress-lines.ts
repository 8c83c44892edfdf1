/** Human progress lines for stderr: epoch, step, loss, validation AUC, speed, time left. */
import type { TrainProgress } from './trainer.js';

/** "1h02m", "3m05s", "42s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** One line per progress event. */
export function formatProgress(event: TrainProgress): string {
  if (event.kind === 'step') {
    return `epoch ${event.epoch}/${event.epochs} step ${event.step}/${event.steps}: loss ${event.loss.toFixed(4)}, ${Math.round(event.samplesPerSecond).toLocaleString('en')} samples/s, ${formatDuration(event.etaSeconds)} left`;
  }
  const { record } = event;
  const byLabel = Object.entries(record.validation.aucByLabel)
    .map(([label, value]) => `${label} ${value.toFixed(4)}`)
    .join(', ');
  return `epoch ${event.epoch}/${event.epochs} done in ${formatDuration(record.trainSeconds)}: loss ${record.loss.toFixed(4)}, validation AUC ${record.validation.auc.toFixed(4)} (${byLabel})${event.improved ? ' — best so far' : ''}, ${formatDuration(event.etaSeconds)} left`;
}
