export * from './problem';
export * from './common';
export * from './vendor';
export * from './ingest';
export * from './stats';
export * from './webhook';
export * from './admin';
export * from './payouts';
