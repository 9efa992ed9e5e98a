export * from './referral-requirements';
