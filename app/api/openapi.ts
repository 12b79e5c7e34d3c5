import { API_DEFAULT_LIMIT, API_ENDPOINTS, API_MAX_LIMIT, type ApiEndpoint, type ApiFilter } from "./api.schema";

type JsonSchema = Record<string, unknown>;

const str = { type: "string" } as const;
const nullableStr = { type: ["string", "null"] } as const;
const nullableNum = { type: ["number", "null"] } as const;
const date = { type: "string", format: "date" } as const;
const dateTime = { type: "string", format: "date-time" } as const;
const obj = (properties: Record<string, unknown>): JsonSchema => ({ type: "object", required: Object.keys(properties), properties });

/** The shape of one item of each list, as the readers in app/api/ return it. */
const ITEMS: Record<ApiEndpoint, JsonSchema> = {
  events: obj({
    id: str,
    slug: str,
    kind: { enum: API_ENDPOINTS.events.filters[1].values },
    status: { enum: API_ENDPOINTS.events.filters[0].values },
    title_vi: str,
    title_en: str,
    venue_vi: str,
    venue_en: str,
    starts_at: dateTime,
    ends_at: dateTime,
    capacity: { type: ["integer", "null"] },
    is_sample: { type: "boolean" },
    registrations: {
      description: "Null unless the token's owner manages the event · Null trừ khi người giữ token quản lý sự kiện",
      oneOf: [{ type: "null" }, obj({ confirmed: { type: "integer" }, waitlisted: { type: "integer" }, pending: { type: "integer" }, checked_in: { type: "integer" } })],
    },
  }),
  mous: obj({
    id: str,
    reference: str,
    status: { enum: API_ENDPOINTS.mous.filters[0].values },
    title_vi: str,
    title_en: str,
    visibility: { enum: ["private", "public"] },
    event_id: nullableStr,
    effective_on: { type: ["string", "null"], format: "date" },
    expires_on: { type: ["string", "null"], format: "date" },
    is_sample: { type: "boolean" },
    created_at: dateTime,
    updated_at: dateTime,
    parties: { type: "array", items: obj({ org_id: str, name_vi: str, name_en: str, is_lead: { type: "boolean" } }) },
  }),
  commitments: obj({
    id: str,
    mou_id: str,
    mou_reference: str,
    owner_org_id: str,
    owner_name_vi: str,
    owner_name_en: str,
    title_vi: str,
    title_en: nullableStr,
    status: { enum: API_ENDPOINTS.commitments.filters[0].values },
    days_late: { type: "integer" },
    kpi_baseline: nullableNum,
    kpi_target: nullableNum,
    kpi_current: { type: "number" },
    kpi_unit_vi: nullableStr,
    kpi_unit_en: nullableStr,
    start_on: { type: ["string", "null"], format: "date" },
    due_on: date,
    cancelled_at: { type: ["string", "null"], format: "date-time" },
    updated_at: dateTime,
  }),
  milestones: obj({
    id: str,
    commitment_id: str,
    mou_id: str,
    title_vi: str,
    title_en: nullableStr,
    due_on: date,
    weight: { type: "number" },
    status: { enum: API_ENDPOINTS.milestones.filters[2].values },
    done_at: { type: ["string", "null"], format: "date-time" },
    updated_at: dateTime,
    overdue: { type: "boolean", description: "Not done and its day has passed · Chưa xong và đã quá hạn" },
  }),
};

const ERROR = obj({ error: str, message: str });

function parameter(filter: ApiFilter) {
  return { name: filter.name, in: "query", required: false, description: filter.description, schema: filter.values ? { type: "string", enum: filter.values } : { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } };
}

const PAGING = [
  { name: "limit", in: "query", required: false, description: `Items a page, 1–${API_MAX_LIMIT}; more is refused with 400 · Số mục mỗi trang`, schema: { type: "integer", minimum: 1, maximum: API_MAX_LIMIT, default: API_DEFAULT_LIMIT } },
  { name: "cursor", in: "query", required: false, description: "The `next` of the previous page · Giá trị `next` của trang trước", schema: str },
];

function operation(endpoint: ApiEndpoint) {
  const { summary, filters } = API_ENDPOINTS[endpoint];
  return {
    get: {
      operationId: `list_${endpoint}`,
      summary,
      description: "Items in a stable order (by id); follow `next` until it is null to read every item exactly once. Unknown or repeated parameters are refused.",
      parameters: [...filters.map(parameter), ...PAGING],
      responses: {
        "200": {
          description: "One page · Một trang",
          content: { "application/json": { schema: obj({ data: { type: "array", maxItems: API_MAX_LIMIT, items: { $ref: `#/components/schemas/${endpoint}` } }, next: nullableStr }) } },
        },
        "400": { description: "A bad filter, limit or cursor · Tham số sai", content: { "application/json": { schema: { $ref: "#/components/schemas/error" } } } },
        "401": { description: "No live token · Thiếu token hợp lệ", content: { "application/json": { schema: { $ref: "#/components/schemas/error" } } } },
      },
    },
  };
}

/** The OpenAPI 3.1 description of /api/v1/, written from the same endpoint list the handlers parse with. */
export function openApiDocument(origin: string) {
  const endpoints = Object.keys(API_ENDPOINTS) as ApiEndpoint[];
  return {
    openapi: "3.1.0",
    info: {
      title: "Innovation Forum and Partnership Portal — read API",
      version: "1.0.0",
      description:
        "Đọc sự kiện, biên bản ghi nhớ, cam kết và mốc mà chủ token được xem. Tạo token tại /account. · Read the events, MoUs, commitments and milestones the token's owner may read. Create tokens at /account.",
    },
    servers: [{ url: `${origin}/api/v1` }],
    security: [{ bearer: [] }],
    paths: Object.fromEntries(endpoints.map((e) => [`/${e}`, operation(e)])),
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Authorization: Bearer ifp_… (only the token's SHA-256 is stored)" } },
      schemas: { ...ITEMS, error: ERROR },
    },
  };
}
