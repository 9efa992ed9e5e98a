export * from './finding';
export * from './source';
export * from './rules-input';
