export * from './coded-concept';
export * from './condition-codes';
export * from './medication-codes';
export * from './match-concept';
