export * from './backoff';
export * from './classify';
export * from './state';
export * from './batch';
export * from './badge';
