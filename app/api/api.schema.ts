import { z } from "zod";
import { COMMITMENT_STATUSES } from "~/commitments/status";
import type { MessageKey } from "~/i18n/messages";
import { MOU_STATUSES } from "~/mous/status";

/** A page of the read API holds at most this many items; a larger `limit` is refused, not cut. */
export const API_MAX_LIMIT = 100;
export const API_DEFAULT_LIMIT = 50;

const EVENT_STATUSES = ["draft", "published", "closed", "archived", "cancelled"] as const;
const EVENT_KINDS = ["forum", "workshop", "ceremony"] as const;
const MILESTONE_STATUSES = ["pending", "in_progress", "done", "missed"] as const;

/** Ids are random text or, for demo organizations, a short slug. */
const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const LimitSchema = z.string().regex(/^\d{1,4}$/).transform(Number).pipe(z.number().int().min(1).max(API_MAX_LIMIT));

/** One query parameter that narrows a list: an id, or one of a few values. */
export type ApiFilter = { name: string; description: string; values?: readonly string[] };

/**
 * The endpoints and the filters each takes: the handlers parse with this list and the OpenAPI
 * description is written from it, so the two cannot drift apart.
 */
export const API_ENDPOINTS = {
  events: {
    summary: "Sự kiện, với số đăng ký khi người giữ token quản lý sự kiện · Events, with registration counts where the token's owner manages the event",
    filters: [
      { name: "status", description: "Trạng thái · Status", values: EVENT_STATUSES },
      { name: "kind", description: "Loại sự kiện · Kind of event", values: EVENT_KINDS },
    ],
  },
  mous: {
    summary: "Biên bản ghi nhớ người giữ token được đọc · MoUs the token's owner may read",
    filters: [
      { name: "status", description: "Trạng thái · Status", values: MOU_STATUSES },
      { name: "org", description: "Một bên tham gia (mã tổ chức) · A party (organization id)" },
      { name: "event", description: "Sự kiện ký (mã sự kiện) · The event where it is signed (event id)" },
    ],
  },
  commitments: {
    summary: "Cam kết được theo dõi (của biên bản đã ký) · Tracked commitments (of sealed MoUs)",
    filters: [
      { name: "status", description: "Trạng thái lưu sẵn · Stored status", values: COMMITMENT_STATUSES },
      { name: "owner", description: "Tổ chức cam kết (mã tổ chức) · Owner organization id" },
      { name: "mou", description: "Biên bản (mã) · MoU id" },
    ],
  },
  milestones: {
    summary: "Mốc của các cam kết được theo dõi · Milestones of tracked commitments",
    filters: [
      { name: "commitment", description: "Cam kết (mã) · Commitment id" },
      { name: "mou", description: "Biên bản (mã) · MoU id" },
      { name: "status", description: "Trạng thái · Status", values: MILESTONE_STATUSES },
    ],
  },
} as const satisfies Record<string, { summary: string; filters: readonly ApiFilter[] }>;

export type ApiEndpoint = keyof typeof API_ENDPOINTS;
type FilterName<E extends ApiEndpoint> = (typeof API_ENDPOINTS)[E]["filters"][number]["name"];
type FilterValue<E extends ApiEndpoint, N extends FilterName<E>> = Extract<(typeof API_ENDPOINTS)[E]["filters"][number], { name: N }> extends { values: readonly (infer V)[] } ? V : string;

export type ApiQuery<E extends ApiEndpoint> = {
  filters: { [N in FilterName<E>]?: FilterValue<E, N> };
  limit: number;
  /** The id after which this page starts; null for the first page. */
  after: string | null;
};

export type ApiQueryResult<E extends ApiEndpoint> =
  | { ok: true; query: ApiQuery<E> }
  | { ok: false; parameter: string; problem: MessageKey; allowed?: readonly string[] };

/** The cursor is the last item's id, opaque to clients: base64url, so it never needs escaping. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): string | null {
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  return encodeCursor(id) === cursor && IdSchema.safeParse(id).success ? id : null;
}

/**
 * Reads a list's query string: the endpoint's filters, `limit` and `cursor`, each at most once.
 * An unknown parameter is refused rather than ignored, so a misspelt filter never returns
 * everything.
 */
export function parseApiQuery<E extends ApiEndpoint>(endpoint: E, params: URLSearchParams): ApiQueryResult<E> {
  const filters: readonly ApiFilter[] = API_ENDPOINTS[endpoint].filters;
  const known = new Set(["limit", "cursor", ...filters.map((f) => f.name)]);
  for (const name of new Set(params.keys())) {
    if (!known.has(name)) return { ok: false, parameter: name.slice(0, 40), problem: "api.error.unknownParameter" };
    if (params.getAll(name).length > 1) return { ok: false, parameter: name, problem: "api.error.repeatedParameter" };
  }
  const given: Record<string, string> = Object.create(null);
  const query: ApiQuery<ApiEndpoint> = { filters: given, limit: API_DEFAULT_LIMIT, after: null };
  for (const filter of filters) {
    const value = params.get(filter.name);
    if (value === null) continue;
    const schema = filter.values ? z.enum(filter.values as [string, ...string[]]) : IdSchema;
    if (!schema.safeParse(value).success)
      return filter.values ? { ok: false, parameter: filter.name, problem: "api.error.badValue", allowed: filter.values } : { ok: false, parameter: filter.name, problem: "api.error.badId" };
    given[filter.name] = value;
  }
  const limit = params.get("limit");
  if (limit !== null) {
    const parsed = LimitSchema.safeParse(limit);
    if (!parsed.success) return { ok: false, parameter: "limit", problem: "api.error.badLimit" };
    query.limit = parsed.data;
  }
  const cursor = params.get("cursor");
  if (cursor !== null) {
    query.after = cursor.length <= 200 ? decodeCursor(cursor) : null;
    if (!query.after) return { ok: false, parameter: "cursor", problem: "api.error.badCursor" };
  }
  return { ok: true, query: query as ApiQuery<E> };
}

/** A page of `limit + 1` rows read in id order becomes the page and the cursor to the next. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): { data: T[]; next: string | null } {
  const data = rows.slice(0, limit);
  return { data, next: rows.length > limit ? encodeCursor(data[data.length - 1].id) : null };
}

/** The form that creates a token: a name its owner will recognise in the list. */
export const ApiTokenCreateSchema = z.object({ name: z.string().trim().min(1).max(80) });
export const ApiTokenRevokeSchema = z.object({ token_id: IdSchema });
