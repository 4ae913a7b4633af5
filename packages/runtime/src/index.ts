export * from './infra-config.ts';
export * from './backends.ts';
export * from './start-service.ts';
