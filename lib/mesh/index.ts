export * from './policy';
export * from './routing';
export * from './workloads';
