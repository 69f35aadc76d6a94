export * from './key-algorithm';
export * from './workload-key-algorithm';
export * from './ca-pool';
export * from './certificate-authority';
export * from './root-certificate-authority';
export * from './subordinate-certificate-authority';
export * from './ca-hierarchy';
