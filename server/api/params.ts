// Query-string and path parameters of `/api/v1` (DESIGN.md, REST): skip >= 0, 1 <= limit <= 100
// (default 20), sort_by from the endpoint's whitelist, sort_order asc|desc, search, filters. Every
// problem is reported at once, each saying what was expected and what came; unknown parameters are
// refused too, so a typo is not silently ignored.
import { isEntityId } from '../../src-shared/ids.js';
import { ApiError } from '../http/api-error.js';

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;
const MAX_SKIP = 1_000_000;
const MAX_SEARCH = 200;

export type SortOrder = 'asc' | 'desc';

export interface ListParams<S extends string> {
  skip: number;
  limit: number;
  sortBy: S;
  sortOrder: SortOrder;
  search: string | null;
}

export type FilterParser<T> = (raw: string, name: string) => T;

export interface ListSpec<S extends string, F extends object> {
  sorts: readonly S[];
  defaultSort: S;
  defaultOrder: SortOrder;
  /** The sort when a search is given without sort_by (relevance), always descending by default. */
  searchSort?: S;
  filters: { [K in keyof F]: FilterParser<F[K]> };
}

class Problems {
  readonly list: string[] = [];
  add(message: string): void {
    this.list.push(message);
  }
}

const shown = (raw: string) => JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}...` : raw);

function wholeNumber(raw: string, name: string, min: number, max: number, problems: Problems): number | null {
  const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    problems.add(
      max === MAX_SKIP ? `${name} must be a whole number, 0 or more (got ${shown(raw)})` : `${name} must be between ${min} and ${max} (got ${shown(raw)})`,
    );
    return null;
  }
  return value;
}

/** One value per parameter: `?limit=1&limit=2` is refused rather than guessed. */
function single(query: Record<string, unknown>, name: string, problems: Problems): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    problems.add(`${name} must be given once`);
    return undefined;
  }
  return value;
}

export function parseList<S extends string, F extends object>(
  query: unknown,
  spec: ListSpec<S, F>,
): { list: ListParams<S>; filters: Partial<F> } {
  const raw = (query ?? {}) as Record<string, unknown>;
  const problems = new Problems();
  const known = new Set(['skip', 'limit', 'sort_by', 'sort_order', 'search', ...Object.keys(spec.filters)]);
  for (const name of Object.keys(raw)) {
    if (!known.has(name)) problems.add(`unknown parameter ${shown(name)}: this endpoint takes ${[...known].join(', ')}`);
  }
  const skipRaw = single(raw, 'skip', problems);
  const limitRaw = single(raw, 'limit', problems);
  const sortRaw = single(raw, 'sort_by', problems);
  const orderRaw = single(raw, 'sort_order', problems);
  const searchRaw = single(raw, 'search', problems);
  const skip = skipRaw === undefined ? 0 : wholeNumber(skipRaw, 'skip', 0, MAX_SKIP, problems);
  const limit = limitRaw === undefined ? DEFAULT_LIMIT : wholeNumber(limitRaw, 'limit', 1, MAX_LIMIT, problems);
  let sortBy = spec.defaultSort;
  if (sortRaw !== undefined) {
    if ((spec.sorts as readonly string[]).includes(sortRaw)) sortBy = sortRaw as S;
    else problems.add(`sort_by must be one of ${spec.sorts.join(', ')} (got ${shown(sortRaw)})`);
  }
  let sortOrder = spec.defaultOrder;
  if (orderRaw !== undefined) {
    if (orderRaw === 'asc' || orderRaw === 'desc') sortOrder = orderRaw;
    else problems.add(`sort_order must be asc or desc (got ${shown(orderRaw)})`);
  }
  let search: string | null = null;
  if (searchRaw !== undefined) {
    const trimmed = searchRaw.trim();
    if (trimmed.length > MAX_SEARCH) problems.add(`search must be at most ${MAX_SEARCH} characters (got ${trimmed.length})`);
    else if (trimmed) search = trimmed;
  }
  if (search && sortRaw === undefined && spec.searchSort) {
    sortBy = spec.searchSort;
    if (orderRaw === undefined) sortOrder = 'desc';
  }
  const filters: Partial<F> = {};
  for (const name of Object.keys(spec.filters) as Array<keyof F & string>) {
    const value = single(raw, name, problems);
    if (value === undefined) continue;
    try {
      filters[name] = spec.filters[name](value, name);
    } catch (error) {
      problems.add((error as Error).message);
    }
  }
  if (problems.list.length > 0) throw new ApiError(400, 'invalid_input', problems.list.join('; '));
  return { list: { skip: skip!, limit: limit!, sortBy, sortOrder, search }, filters };
}

export const oneOf =
  <T extends string>(values: readonly T[]): FilterParser<T> =>
  (raw, name) => {
    if ((values as readonly string[]).includes(raw)) return raw as T;
    throw new Error(`${name} must be one of ${values.join(', ')} (got ${shown(raw)})`);
  };

export const booleanFlag: FilterParser<boolean> = (raw, name) => {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error(`${name} must be true or false (got ${shown(raw)})`);
};

/** An ISO 8601 date or date-time; epoch milliseconds out. */
export const isoTime: FilterParser<number> = (raw, name) => {
  const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) throw new Error(`${name} must be an ISO 8601 date or time such as 2027-01-31 or 2027-01-31T09:00:00Z (got ${shown(raw)})`);
  return ms;
};

/**
 * Ids in this app are not UUIDs: rooms, meetings, documents and decisions are named by 1 to 64
 * letters, digits, - or _ (src-shared/ids.ts; the desktop makes UUIDs, older data has other ids).
 */
export const entityIdParam: FilterParser<string> = (raw, name) => {
  if (!isEntityId(raw)) throw new Error(`${name} must be an id of 1 to 64 letters, digits, - or _ (got ${shown(raw)})`);
  return raw;
};

export function pathId(params: unknown, name = 'id'): string {
  const raw = (params as Record<string, unknown>)[name];
  if (typeof raw !== 'string' || !isEntityId(raw)) {
    throw new ApiError(400, 'invalid_input', `${name} must be an id of 1 to 64 letters, digits, - or _ (got ${shown(String(raw ?? ''))})`);
  }
  return raw;
}

/** A canonical string of parsed parameters: the cache key part that two equal requests share. */
export function canonical(route: string, values: Record<string, unknown>): string {
  const parts = Object.keys(values)
    .filter((k) => values[k] !== undefined && values[k] !== null)
    .sort()
    .map((k) => `${k}=${encodeURIComponent(String(values[k]))}`);
  return `${route}?${parts.join('&')}`;
}

/** `%` and `_` in a search are literal characters, not patterns. */
export const likePattern = (search: string): string => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface Page<T> {
  items: T[];
  total: number;
  skip: number;
  limit: number;
  has_more: boolean;
}

export const page = <T>(items: T[], total: number, list: { skip: number; limit: number }): Page<T> => ({
  items,
  total,
  skip: list.skip,
  limit: list.limit,
  has_more: list.skip + items.length < total,
});

export const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
