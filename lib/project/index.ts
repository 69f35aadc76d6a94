export * from './project-apis';
