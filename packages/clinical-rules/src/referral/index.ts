export * from './referral-requirements';
export * from './screen-referral';
