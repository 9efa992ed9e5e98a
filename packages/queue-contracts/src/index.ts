export * from './ehr-sync.contract';
export * from './sync-activity.contract';
export * from './ehr-reconcile.contract';
