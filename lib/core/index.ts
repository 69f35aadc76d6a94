export * from './validation-problem';
export * from './iam-member';
export * from './spiffe';
export * from './workload-credentials';
