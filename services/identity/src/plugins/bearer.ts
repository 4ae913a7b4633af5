/** Reads the bearer token and checks its kind; each failure is a 401 with its own code. */
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '@twopointo/shared';
import type { TokenKind, TokenService, TokenSubject } from '../services/token.service.ts';

export function authenticate(
  tokens: TokenService,
  request: FastifyRequest,
  kind: TokenKind,
): Promise<TokenSubject> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw unauthorized('Missing bearer token', 'missing_token');
  return tokens.verify(match[1], kind);
}
