export * from './bearer-token';
export * from './ehr-authorizer';
export * from './ehr-error';
export * from './fhir-client';
