export * from './types.ts';
export * from './memory.ts';
export * from './rate-limiter.ts';
export * from './redis.ts';
export * from './open.ts';
