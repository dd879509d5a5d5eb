export * from './code';
export * from './channels';
export { ReferralInputError } from './input';
export * from './referral';
export * from './link';
export * from './disclosure';
export { DealInputSchema, DealSchema, newDeal, normaliseDomain, type Deal, type DealInput } from './deal';
