export * from './day-of-checklist';
export * from './day-of-input';
