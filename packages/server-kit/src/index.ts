export * from './config.ts';
export * from './http.ts';
export * from './lifecycle.ts';
export * from './bearer.ts';
export * from './presence-keys.ts';
export * from './metrics.ts';
export * from './openapi.ts';
export * from './schema-messages.ts';
