export * from './processes';
export * from './private-redis';
