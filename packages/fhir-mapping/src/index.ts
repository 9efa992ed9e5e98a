export * from './operation-outcome.mapper';
export * from './identifier-systems';
export * from './projected-resource';
export * from './patient.mapper';
export * from './referral.mapper';
export * from './sync-bundle';
export * from './patient.reader';
export * from './referral.reader';
