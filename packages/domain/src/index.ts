export * from './role';
export * from './user';
export * from './clinic-settings';
export * from './audit-event';
