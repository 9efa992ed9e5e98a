export * from './entities';
export * from './data-source';
export * from './migrate';
export { MIGRATIONS } from './migrations';
export * from './projection/projection.store';
export * from './sync/outbox.queries';
export * from './sync/sync-ledger.queries';
export * from './sync/dead-letter.queries';
export * from './sync/consent.queries';
