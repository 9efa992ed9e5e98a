export * from './operation-outcome.mapper';
