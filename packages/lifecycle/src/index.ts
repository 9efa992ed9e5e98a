export * from './stop-on-signals';
