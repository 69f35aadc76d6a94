export * from './core';
export * from './project';
export * from './ca';
export * from './gke';
export * from './mesh';
