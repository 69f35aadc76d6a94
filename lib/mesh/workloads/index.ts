export * from './sidecar-injector';
export * from './workload-selector';
export * from './mesh-workload';
export * from './neg-service';
export * from './ingress-gateway';
