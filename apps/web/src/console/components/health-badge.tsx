import type { Health } from '@keta/domain';
import { HEALTH_LABELS } from '../api/ops-words';

/** The connection's health as a word (the colour and the mark only repeat it). */
export function HealthBadge({ health }: { health: Health }) {
  return (
    <span className={`health health-${health}`} data-testid="health">
      <span aria-hidden="true">{health === 'healthy' ? '● ' : health === 'unhealthy' ? '▲ ' : '■ '}</span>
      {HEALTH_LABELS[health]}
    </span>
  );
}
