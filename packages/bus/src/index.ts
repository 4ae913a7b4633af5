export * from './types.ts';
export * from './memory.ts';
export * from './relay.ts';
export * from './jetstream.ts';
export * from './open.ts';
