export * from './clinic-policy';
export * from './policy';
export * from './default-policy';
export * from './presets';
export * from './resolve-policy';
