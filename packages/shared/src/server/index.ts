export * from './config.ts';
export * from './http.ts';
