import { hashPassword } from "~/auth/password.server";
import { newId } from "~/lib/ids.server";
import { Client, DEMO } from "./http";
import type { TestServer } from "./server";

/**
 * The people every permission test speaks for. Built on the demo data: Kami and Dassault
 * Systèmes are the parties of the demo MoUs; NTT is party to neither.
 */
export const PERSONAS = ["visitor", "otherMember", "member", "orgAdmin", "organizer", "staff"] as const;
export type Persona = (typeof PERSONAS)[number];

export const PERSONA_EMAILS: Record<Exclude<Persona, "visitor">, string> = {
  otherMember: "member@ntt.test.example",
  member: "member@kami.test.example",
  orgAdmin: DEMO.signerKami,
  organizer: DEMO.organizer,
  staff: DEMO.staff,
};

export const PERSONA_PASSWORD = "vinhphuc-demo";

/** Adds the two extra members (of NTT, of Kami) and signs every persona in; returns a client each. */
export async function signInPersonas(server: TestServer): Promise<Record<Persona, Client>> {
  const hash = await hashPassword(PERSONA_PASSWORD);
  const now = new Date().toISOString();
  for (const [email, org, name] of [
    [PERSONA_EMAILS.otherMember, "ntt", "Tanaka Yui"],
    [PERSONA_EMAILS.member, "kami", "Vũ Văn Bình"],
  ] as const) {
    const existing = await server.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
    if (existing) continue;
    const id = newId();
    await server.db
      .insertInto("users")
      .values({ id, email, name, password_hash: hash, email_verified_at: now, created_at: now, updated_at: now })
      .execute();
    await server.db.insertInto("memberships").values({ id: newId(), org_id: org, user_id: id, role: "member", created_at: now }).execute();
  }
  const clients = {} as Record<Persona, Client>;
  for (const persona of PERSONAS) {
    const client = new Client(server.baseUrl);
    if (persona !== "visitor") await client.signIn(PERSONA_EMAILS[persona], PERSONA_PASSWORD);
    clients[persona] = client;
  }
  return clients;
}

/**
 * What a persona should get: the page (2xx), a redirect to /login, a refusal (403) or nothing (404);
 * for a form, its errors (400) or a conflict with the thing's state (409).
 */
export type Outcome = "ok" | "login" | "forbidden" | "notFound" | "redirect" | "invalid" | "conflict";

export function outcomeOf(res: Response): Outcome | `status ${number}` {
  if (res.status >= 200 && res.status < 300) return "ok";
  if (res.status === 302 || res.status === 303) {
    return (res.headers.get("location") ?? "").startsWith("/login") ? "login" : "redirect";
  }
  if (res.status === 403) return "forbidden";
  if (res.status === 404) return "notFound";
  if (res.status === 400) return "invalid";
  if (res.status === 409) return "conflict";
  return `status ${res.status}`;
}

export type MatrixRow = {
  /** e.g. "GET /admin/users" or "POST /orgs/kami/members" */
  route: string;
  /** Form fields for a POST. */
  form?: Record<string, string>;
  expect: Record<Persona, Outcome>;
};

/**
 * Runs every row for every persona and returns the mismatches, so one failing assertion lists
 * all the holes at once. Rows run in order: put state-changing rows after the reads they affect.
 */
export async function runMatrix(clients: Record<Persona, Client>, rows: MatrixRow[]): Promise<string[]> {
  const problems: string[] = [];
  for (const row of rows) {
    const [method, path] = row.route.split(" ");
    for (const persona of PERSONAS) {
      const client = clients[persona];
      const res = method === "GET" ? await client.get(path) : await client.post(path, row.form ?? {});
      const got = outcomeOf(res);
      if (got !== row.expect[persona]) problems.push(`${row.route} as ${persona}: expected ${row.expect[persona]}, got ${got}`);
    }
  }
  return problems;
}

/** Shorthand: the same outcome for everyone, with exceptions. */
export function expectAll(outcome: Outcome, except: Partial<Record<Persona, Outcome>> = {}): Record<Persona, Outcome> {
  return Object.fromEntries(PERSONAS.map((p) => [p, except[p] ?? outcome])) as Record<Persona, Outcome>;
}
