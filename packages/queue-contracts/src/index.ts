export * from './ehr-sync.contract';
export * from './sync-activity.contract';
