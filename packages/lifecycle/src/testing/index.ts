export * from './processes';
export * from './private-redis';
export * from './prometheus-text';
