/** Reads the bearer token and checks its kind; each failure is a 401 with its own code. */
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '@twopointo/shared';
import { bearerToken } from '@twopointo/server-kit';
import type { TokenKind, TokenService, TokenSubject } from '../keys/token.service.ts';

export function authenticate(
  tokens: TokenService,
  request: FastifyRequest,
  kind: TokenKind,
): Promise<TokenSubject> {
  const token = bearerToken(request.headers.authorization);
  if (!token) throw unauthorized('Missing bearer token', 'missing_token');
  return tokens.verify(token, kind);
}
