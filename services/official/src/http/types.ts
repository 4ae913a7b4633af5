/** The Fastify instance type every route module registers on (server-kit's API app). */
export type { ApiApp as OfficialApp } from '@twopointo/server-kit';
