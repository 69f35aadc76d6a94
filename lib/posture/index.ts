export * from './terraform-configuration';
export * from './rule';
export * from './posture-check';
export * from './posture';
export * from './access-map';
export * from './cli';
