export * from './eligibility-input';
export * from './screen-eligibility';
export * from './exclusion-criteria';
