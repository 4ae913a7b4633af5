export * from './types.ts';
export * from './memory.ts';
export * from './relay.ts';
