// Every length limit of a shared concept, spelled once. Schemas on both sides of the wire use these.
export const LIMITS = {
  url: 2048,
  host: 253,
  id: 64,
  campaign: 100,
  customerName: 200,
  displayName: 200,
  email: 254,
  note: 1000,
  orderId: 200,
  disclosure: 600,
  referralCode: 64,
} as const;
