export * from './role';
export * from './user';
export * from './clinic-settings';
export * from './audit-event';
export * from './indications';
export * from './npi';
export * from './referral';
export * from './ehr-connection';
