export * from './types.ts';
export * from './signed-url.ts';
export * from './content-disposition.ts';
export * from './local.ts';
export * from './s3.ts';
export * from './config.ts';
