export * from './spiffe';
export * from './iam-member';
