import { Link } from '../../components/link';
import { Notice } from '../../components/notice';
import { usePolledAnswer } from '../../components/use-polling';
import { listConnections } from '../api/ops-api';
import { ConnectionFigures } from '../components/connection-figures';
import { ConsoleHeading } from '../components/console-heading';
import { HealthBadge } from '../components/health-badge';
import { consolePaths } from '../console-routes';

export const CONSOLE_POLL_MS = 3000;

/** Every EHR connection's health at a glance, kept current by polling while the page is visible. */
export function OverviewPage() {
  const { body: connections, error } = usePolledAnswer(listConnections, 'The connections could not be loaded', CONSOLE_POLL_MS);

  return (
    <>
      <ConsoleHeading title="EHR connections" />
      <p className="hint">Refreshed every few seconds. Ids, types, codes and counts only: no patient details.</p>
      <Notice kind="alert">{error}</Notice>
      {connections === null ? (
        error ? null : <p role="status">Loading the connections…</p>
      ) : connections.length === 0 ? (
        <p>No EHR connection yet: an admin adds them.</p>
      ) : (
        <ul className="connection-list" aria-label="EHR connections">
          {connections.map((c) => (
            <li key={c.id} className="connection-card" data-connection={c.id}>
              <h2>
                <Link href={consolePaths.connection(c.id)}>{c.name}</Link> <HealthBadge health={c.health} />
              </h2>
              <ConnectionFigures connection={c} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
