import type { Resource } from '@medplum/fhirtypes';

/** What one write inside a transaction replaced: enough to put it back. */
export interface Change {
  resourceType: string;
  id: string;
  /** The version current before the write; undefined if the resource did not exist. */
  previous: Resource | undefined;
  /** How many history versions the resource had before the write. */
  historyLength: number;
}

/** The writes of one open transaction, so that a failure costs O(changes) to undo, not a snapshot. */
export class UndoJournal {
  private readonly changes: Change[] = [];

  record(change: Change): void {
    this.changes.push(change);
  }

  /** Replays the changes newest first, so a resource written twice ends at its first `previous`. */
  undo(restore: (change: Change) => void): void {
    for (let i = this.changes.length - 1; i >= 0; i--) restore(this.changes[i]!);
  }
}
