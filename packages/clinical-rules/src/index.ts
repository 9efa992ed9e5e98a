export * from './opening-days';
