export * from './health-check';
export * from './network-endpoint-group';
export * from './backend-service';
export * from './routing-rule-map';
export * from './mesh';
export * from './gateway';
export * from './http-route';
