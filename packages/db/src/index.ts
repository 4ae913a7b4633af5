export * from './database.ts';
export * from './migrate.ts';
export * from './types.ts';
export * from './testing.ts';
export * from './socket.ts';
export { sql, type CompiledQuery, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
