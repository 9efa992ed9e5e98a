export * from './review-medications';
export * from './patient-instruction';
