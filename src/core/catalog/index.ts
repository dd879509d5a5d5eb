export { CatalogSchema, VendorSchema, ProductSchema, OfferSchema, SignalsSchema } from './schema';
export type { Catalog, Vendor, Product, Offer, Signals, Commission } from './schema';
export { parseCatalog, catalogProblems, CatalogError } from './parse';
export { compileCatalog } from './compile';
export type { CatalogIndex, KeyMatch, SignalRole } from './compile';
export { signalKeys } from './signal-keys';
export type { SignalKey } from './signal-keys';
export { starterCatalog, STARTER_FILES } from './starter/index';
