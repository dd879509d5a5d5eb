export * from './code';
export * from './channels';
export { ReferralInputError } from './errors';
export * from './give-back';
export * from './referral';
export * from './link';
export * from './disclosure';
export * from './deal';
