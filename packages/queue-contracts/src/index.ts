export * from './ehr-sync.contract';
