// The shared concepts every schema is built from: ids, text, domain names, instants, URLs and
// their limits. Owners of bigger concepts (referral, deal, catalog, wire items) derive from these.
export * from './limits';
export * from './text';
export * from './ids';
export * from './domain';
export * from './time';
export * from './url';
