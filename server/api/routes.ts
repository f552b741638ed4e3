// `/api/v1` reads for web clients and operators (DESIGN.md, REST), plus the RUM report endpoint.
// Every request: caller authenticated, then the caller's token bucket (shared through Redis), then
// its parameters (400 naming each bad one), then the cache keyed by caller and parsed query. Ids
// the caller may not see answer 404 with the words an unknown id gets.
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Role } from '../../src-shared/domain.js';
import type { UserSummary } from '../auth/accounts.js';
import { rumReportSchema, RUM_PATH } from '../../src-shared/sync/rum.js';
import type { Database } from '../db/database.js';
import { ApiError, badInput, RateLimitedError } from '../http/api-error.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import { retryAfterSeconds } from '../http/rate-limiter.js';
import type { ServerMetrics } from '../ops/metrics.js';
import { BOARDROOM_SORTS, boardroomShared, decisionJson, listBoardrooms, batchedVotes, memberRoles, type BoardroomFilters, type BoardroomSort } from './boardroom-queries.js';
import type { ApiCache, GenName } from './cache.js';
import type { Callers } from './callers.js';
import { decisionDetail, documentDetail, meetingDetail, roomOfEntity, type EntityKind } from './entity-queries.js';
import { booleanFlag, canonical, entityIdParam, isoTime, oneOf, parseList, pathId, type ListParams, type ListSpec, type Page } from './params.js';
import {
  DECISION_SORTS,
  DECISION_STATUS_FILTER,
  DOCUMENT_SORTS,
  listDecisions,
  listDocuments,
  listMeetings,
  listVotes,
  MEETING_SORTS,
  MEETING_STATUS_FILTER,
  VOTE_SORTS,
  type DecisionFilters,
  type DocumentFilters,
  type MeetingFilters,
} from './room-lists.js';

export interface ApiDeps {
  db: Database;
  callers: Callers;
  cache: ApiCache;
  limiter: RateLimiter;
  metrics: ServerMetrics;
  listTtlSeconds: number;
  detailTtlSeconds: number;
  rate: { perSecond: number; burst: number };
  now: () => number;
}

const BOARDROOMS: ListSpec<BoardroomSort, BoardroomFilters> = {
  sorts: BOARDROOM_SORTS,
  defaultSort: 'name',
  defaultOrder: 'asc',
  filters: { active_only: booleanFlag },
};
const MEETINGS: ListSpec<(typeof MEETING_SORTS)[number], MeetingFilters> = {
  sorts: MEETING_SORTS,
  defaultSort: 'scheduled_at',
  defaultOrder: 'desc',
  filters: { status: oneOf(MEETING_STATUS_FILTER), from: isoTime, to: isoTime },
};
const DOCUMENTS: ListSpec<(typeof DOCUMENT_SORTS)[number], DocumentFilters> = {
  sorts: DOCUMENT_SORTS,
  defaultSort: 'created_at',
  defaultOrder: 'desc',
  searchSort: 'rank',
  filters: { meeting_id: entityIdParam },
};
const DECISIONS: ListSpec<(typeof DECISION_SORTS)[number], DecisionFilters> = {
  sorts: DECISION_SORTS,
  defaultSort: 'deadline',
  defaultOrder: 'desc',
  filters: { status: oneOf(DECISION_STATUS_FILTER), meeting_id: entityIdParam },
};
const VOTES: ListSpec<(typeof VOTE_SORTS)[number], { option: string }> = {
  sorts: VOTE_SORTS,
  defaultSort: 'cast_at',
  defaultOrder: 'asc',
  filters: {
    option: (raw, name) => {
      if (raw.length > 200) throw new Error(`${name} must be at most 200 characters`);
      return raw;
    },
  },
};

const NOT_FOUND: Record<EntityKind | 'boardroom', string> = {
  boardroom: 'no boardroom with this id among yours: check the id, or ask an admin of that boardroom to add you',
  meeting: 'no meeting with this id in your boardrooms: check the id, or ask an admin of its boardroom to add you',
  document: 'no document with this id in your boardrooms: check the id, or ask an admin of its boardroom to add you',
  decision: 'no decision with this id in your boardrooms: check the id, or ask an admin of its boardroom to add you',
};
const notFound = (what: keyof typeof NOT_FOUND) => new ApiError(404, 'not_found', NOT_FOUND[what]);

/** A list's parsed parameters as a cache key part. */
const listKey = (route: string, list: ListParams<string>, filters: object) =>
  canonical(route, { skip: list.skip, limit: list.limit, sort_by: list.sortBy, sort_order: list.sortOrder, search: list.search, ...filters });

export function apiRoutes(app: FastifyInstance, deps: ApiDeps): { warmBoardrooms(userId: string): Promise<void> } {
  const { db, cache } = deps;
  // Which room a meeting, document or decision belongs to never changes: remembered, so a cached
  // detail costs no statement at all.
  const entityRooms = new LRUCache<string, string>({ max: 100_000 });
  // Per-caller lookups of concurrent requests, one statement per turn each.
  const roleIn = memberRoles(db);
  const votesOf = batchedVotes(db);

  async function limit(key: string): Promise<void> {
    const taken = await deps.limiter.take(key);
    if (!taken.allowed) {
      const seconds = retryAfterSeconds(taken.retryAfterMs);
      throw new RateLimitedError(
        seconds,
        `too many requests: this API takes ${deps.rate.perSecond} per second with bursts of ${deps.rate.burst}; wait ${seconds} s and retry`,
      );
    }
  }

  /** The caller, within their request budget. Failed authentications spend the address's budget. */
  async function guard(request: FastifyRequest): Promise<UserSummary> {
    let user: UserSummary;
    try {
      user = await deps.callers.authenticate(request.headers.authorization);
    } catch (error) {
      await limit(`ip:${request.ip}`);
      throw error;
    }
    await limit(`user:${user.id}`);
    return user;
  }

  // Compressed bodies of cached answers, by cache key and encoding: a cached read is compressed once,
  // not on every request (brotli costs more than everything else a cache hit does).
  const compressed = new LRUCache<string, Buffer>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (b) => Math.max(1, b.length), ttl: 60_000 });

  async function sendCached(
    reply: FastifyReply,
    user: UserSummary,
    query: string,
    gens: GenName[],
    ttlSeconds: number,
    compute: () => Promise<unknown>,
  ): Promise<FastifyReply> {
    const { body, source, key } = await cache.get(user.id, query, gens, ttlSeconds, async () => {
      const value = await compute();
      return value instanceof Json ? value.text : JSON.stringify(value);
    });
    reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('vary', 'accept-encoding')
      .header('cache-control', 'private, no-cache')
      .header('x-cache', source);
    const encoding = body.length > COMPRESS_OVER_BYTES ? preferredEncoding(reply.request.headers['accept-encoding']) : null;
    if (!encoding) return reply.send(body);
    const encodedKey = `${encoding}:${key}`;
    let payload = compressed.get(encodedKey);
    if (!payload) {
      // On libuv's threads, not this one: first reads of large views compress tens of KB each, and
      // done in line that was 30 % of the event loop during the mix's first visits.
      payload = encoding === 'br' ? await brotliAsync(body, BROTLI_OPTIONS) : await gzipAsync(body);
      compressed.set(encodedKey, payload);
    }
    return reply.header('content-encoding', encoding).send(payload);
  }

  /** The caller's role in the room, or 404 when they are not an active member; cached like a read. */
  async function requireMember(userId: string, roomId: string, missing: keyof typeof NOT_FOUND): Promise<Role> {
    const { body } = await cache.get(
      userId,
      'member',
      [`room:${roomId}`],
      deps.detailTtlSeconds,
      async () => (await roleIn(roomId, userId)) ?? '',
      { inner: true },
    );
    if (!body) throw notFound(missing);
    return body as Role;
  }

  /**
   * A part every member sees alike (a page of meetings, a search, a detail view without the
   * caller's votes), cached once for the room rather than once per member; each member's own entry
   * still wraps it, and their membership is checked before it is read.
   */
  async function shared(query: string, roomId: string, ttlSeconds: number, compute: () => Promise<unknown>): Promise<Json> {
    const { body } = await cache.get(SHARED, query, [`room:${roomId}`], ttlSeconds, async () => JSON.stringify(await compute()), { inner: true });
    return new Json(body);
  }

  /** Decisions with the caller's own vote laid over them (one statement for all of them). */
  async function withMyVotes<D extends { id: string; my_vote: string | null }>(decisions: D[], userId: string): Promise<D[]> {
    const mine = await votesOf(userId, decisions.map((d) => d.id));
    return decisions.map((d) => ({ ...d, my_vote: mine.get(d.id) ?? null }));
  }

  async function roomOf(kind: EntityKind, id: string): Promise<string> {
    const key = `${kind}:${id}`;
    let roomId = entityRooms.get(key);
    if (!roomId) {
      roomId = (await roomOfEntity(db, kind, id)) ?? undefined;
      if (!roomId) throw notFound(kind);
      entityRooms.set(key, roomId);
    }
    return roomId;
  }

  async function boardroomList(userId: string, query: unknown) {
    const { list, filters } = parseList(query, BOARDROOMS);
    const key = listKey('boardrooms', list, { active_only: filters.active_only ?? true });
    return { key, compute: () => listBoardrooms(db, userId, list, filters, deps.now()) };
  }

  app.get('/api/v1/boardrooms', OWN_COMPRESSION, async (request, reply) => {
    const user = await guard(request);
    const { key, compute } = await boardroomList(user.id, request.query);
    return sendCached(reply, user, key, [`user:${user.id}`], deps.listTtlSeconds, compute);
  });

  app.get('/api/v1/boardrooms/:id', OWN_COMPRESSION, async (request, reply) => {
    const user = await guard(request);
    const roomId = pathId(request.params);
    noQuery(request.query);
    const key = `boardroom:${roomId}`;
    // Lists of upcoming meetings move with time: the list lifetime, not the detail one.
    return sendCached(reply, user, key, [`room:${roomId}`], deps.listTtlSeconds, async () => {
      const role = await requireMember(user.id, roomId, 'boardroom');
      const room = (await shared(key, roomId, deps.listTtlSeconds, () => boardroomShared(db, roomId, deps.now()))).parse<SharedRoom>();
      if (!room) throw notFound('boardroom');
      return { ...room, settings: { ...room.settings, your_role: role }, open_decisions: await withMyVotes(room.open_decisions, user.id) };
    });
  });

  const roomList = <S extends string, F extends object, P>(
    name: string,
    spec: ListSpec<S, F>,
    perCaller: ((page: P, userId: string) => Promise<unknown>) | null,
    run: (roomId: string, list: ListParams<S>, filters: Partial<F>) => Promise<unknown>,
  ) =>
    app.get(`/api/v1/boardrooms/:id/${name}`, OWN_COMPRESSION, async (request, reply) => {
      const user = await guard(request);
      const roomId = pathId(request.params);
      const { list, filters } = parseList(request.query, spec);
      const key = listKey(`${roomId}/${name}`, list, filters);
      return sendCached(reply, user, key, [`room:${roomId}`], deps.listTtlSeconds, async () => {
        await requireMember(user.id, roomId, 'boardroom');
        const page = await shared(key, roomId, deps.listTtlSeconds, () => run(roomId, list, filters));
        return perCaller ? perCaller(page.parse(), user.id) : page;
      });
    });
  roomList('meetings', MEETINGS, null, (roomId, list, f) => listMeetings(db, roomId, list, f));
  roomList('documents', DOCUMENTS, null, (roomId, list, f) => listDocuments(db, roomId, list, f));
  // Decisions carry the caller's own vote, laid over the shared page.
  roomList(
    'decisions',
    DECISIONS,
    async (page: Page<Decision>, userId) => ({ ...page, items: await withMyVotes(page.items, userId) }),
    (roomId, list, f) => listDecisions(db, roomId, list, f),
  );

  const entity = <T>(kind: EntityKind, detail: (id: string) => Promise<T | null>, perCaller: ((found: T, userId: string) => Promise<unknown>) | null) =>
    app.get(`/api/v1/${kind}s/:id`, OWN_COMPRESSION, async (request, reply) => {
      const user = await guard(request);
      const id = pathId(request.params);
      noQuery(request.query);
      const roomId = await roomOf(kind, id);
      const key = `${kind}:${id}`;
      return sendCached(reply, user, key, [`room:${roomId}`], deps.detailTtlSeconds, async () => {
        await requireMember(user.id, roomId, kind);
        const found = await shared(key, roomId, deps.detailTtlSeconds, () => detail(id));
        const value = found.parse<T | null>();
        if (value === null) throw notFound(kind);
        return perCaller ? perCaller(value, user.id) : found;
      });
    });
  entity('meeting', (id) => meetingDetail(db, id), async (meeting, userId) => ({ ...meeting, decisions: await withMyVotes(meeting.decisions, userId) }));
  entity('document', (id) => documentDetail(db, id), null);
  entity('decision', (id) => decisionDetail(db, id), async (decision, userId) => (await withMyVotes([decision], userId))[0]);

  app.get('/api/v1/decisions/:id/votes', OWN_COMPRESSION, async (request, reply) => {
    const user = await guard(request);
    const id = pathId(request.params);
    const { list, filters } = parseList(request.query, VOTES);
    const roomId = await roomOf('decision', id);
    const key = listKey(`decision:${id}/votes`, list, filters);
    return sendCached(reply, user, key, [`room:${roomId}`], deps.listTtlSeconds, async () => {
      await requireMember(user.id, roomId, 'decision');
      return shared(key, roomId, deps.listTtlSeconds, () => listVotes(db, id, list, filters));
    });
  });

  app.post(RUM_PATH, async (request, reply) => {
    await guard(request);
    const report = rumReportSchema.safeParse(request.body);
    if (!report.success) throw badInput(report.error);
    deps.metrics.observeRum(report.data);
    return reply.code(202).send({ accepted: true });
  });

  return {
    /** Cache warming (the seed's rule): a user who just signed in asks for their boardrooms next. */
    async warmBoardrooms(userId) {
      const { key, compute } = await boardroomList(userId, {});
      await cache.get(userId, key, [`user:${userId}`], deps.listTtlSeconds, async () => JSON.stringify(await compute()));
    },
  };
}

/** The seed's rule: bodies over 1000 bytes are compressed (here and by the server's compress plugin). */
export const COMPRESS_OVER_BYTES = 1000;
/**
 * Brotli quality 3, for the API's JSON (and the compress plugin's other responses): measured on a
 * 27 KB room detail, 168 µs and 4,913 bytes against quality 6's 401 µs and 5,004 bytes (UUIDs leave
 * the costlier matchers nothing to find); on a 6 KB page, 48 µs and 1,338 bytes against 72 µs and
 * 1,294. At quality 6 brotli was a fifth of the server's CPU during the mix's first visits.
 */
export const BROTLI_OPTIONS = { params: { [zlib.BROTLI_PARAM_QUALITY]: 3 } };
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/**
 * Routes that answer through `sendCached`, which compresses each cached body once: the compress
 * plugin's hooks stay off them (they ran on every request, ~4 % of a cached read's CPU, to pass the
 * compressed bytes through). Their other answers (errors) are far under the threshold.
 */
const OWN_COMPRESSION = { compress: false } as const;

/** br when the client takes it, else gzip, else none (a q=0 refuses an encoding). */
function preferredEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
  const accepted = new Set(
    String(header ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

/** The cache's "user" for parts every member of a room sees alike (no user id has this form). */
const SHARED = '*shared*';

/** Text that is already JSON (a shared part read from the cache), sent as it is. */
class Json {
  constructor(readonly text: string) {}
  parse<T>(): T {
    return JSON.parse(this.text) as T;
  }
}

type SharedRoom = NonNullable<Awaited<ReturnType<typeof boardroomShared>>>;
type Decision = ReturnType<typeof decisionJson>;

function noQuery(query: unknown): void {
  const names = Object.keys((query ?? {}) as object);
  if (names.length > 0) throw new ApiError(400, 'invalid_input', `unknown parameter ${JSON.stringify(names[0])}: this endpoint takes no parameters`);
}
