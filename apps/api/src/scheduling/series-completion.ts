import type { EntityManager } from 'typeorm';

/**
 * A series is done when none of its infusions is still to come or under way, and at least one was given
 * (a series whose last infusions were cancelled or missed completes with what was given).
 */
export async function completeSeriesIfDone(tx: EntityManager, seriesId: string): Promise<void> {
  await tx.query(
    `UPDATE series SET status = 'completed', version = version + 1, updated_at = now()
      WHERE id = $1 AND status = 'booked'
        AND NOT EXISTS (SELECT 1 FROM appointment WHERE series_id = $1 AND status IN ('booked', 'checked-in'))
        AND EXISTS (SELECT 1 FROM appointment WHERE series_id = $1 AND status = 'completed')`,
    [seriesId],
  );
}
