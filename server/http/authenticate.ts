// Bearer access tokens on REST requests: checked on every request, and the account must be active.
import type { FastifyRequest } from 'fastify';
import { activeUser, type UserSummary } from '../auth/accounts.js';
import type { TokenIssuer } from '../auth/tokens.js';
import type { Queryable } from '../db/database.js';
import { unauthorized } from './api-error.js';

export interface Caller extends UserSummary {
  deviceId: string;
}

export async function authenticate(request: FastifyRequest, tokens: TokenIssuer, db: Queryable): Promise<Caller> {
  const header = request.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!token) throw unauthorized('sign in first: this request needs an "Authorization: Bearer <access token>" header');
  const claims = await tokens.verify(token);
  if (!claims) throw unauthorized('your access token is invalid or expired: refresh it and try again');
  const user = await activeUser(db, claims.userId);
  if (!user) throw unauthorized('this account is deactivated: ask the server operator to reactivate it');
  return { ...user, deviceId: claims.deviceId };
}
