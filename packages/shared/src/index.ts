export * from './errors.ts';
export * from './snowflake.ts';
export * from './schemas.ts';
export * from './protocol.ts';
export * from './permissions.ts';
export * from './permissions.generated.ts';
export * from './hierarchy.ts';
