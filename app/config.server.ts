import os from "node:os";
import path from "node:path";
import { z } from "zod";

/**
 * All configuration comes from the environment, read and checked once. A bad value stops the
 * start with a message that names the variable, rather than failing later in a request.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default("")
    .refine((v) => v === "" || v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), {
      message: "must be empty, file:PATH (SQLite) or postgres://… (PostgreSQL)",
    }),
  SMTP_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^smtps?:\/\//.test(v), { message: "must start with smtp:// or smtps://" }),
  MAIL_FROM: z.string().default("Cổng Đổi mới sáng tạo <no-reply@portal.localhost>"),
  SIGNING_P12_PATH: z.string().optional(),
  SIGNING_P12_PASSPHRASE: z.string().optional(),
  SIGNING_DEVELOPMENT_CERTIFICATE: z.enum(["on", "off"]).default("off"),
  TSA_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^https?:\/\/\S+$/.test(v), { message: "must be the http(s) URL of an RFC 3161 timestamp authority" }),
  TRUSTED_CA_DIR: z.string().optional(),
  PUBLIC_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^https?:\/\/[^/]+$/.test(v.replace(/\/$/, "")), {
      message: "must be an origin such as https://portal.example.vn",
    }),
  DEMO_DATA: z.enum(["on", "off"]).default("on"),
  DATA_DIR: z.string().default(""),
  LOG_REQUESTS: z.enum(["on", "off"]).default("on"),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).default(2000),
  /** How often commitment reminders and digests are looked for; their unique keys make any rate safe. */
  REMINDER_POLL_MS: z.coerce.number().int().min(50).default(15 * 60_000),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  AUDIT_CHAIN_KEY: z
    .string()
    .optional()
    .refine((v) => !v || v.length >= 32, { message: "must be at least 32 characters (e.g. openssl rand -hex 32)" }),
  COOKIE_SECRET: z
    .string()
    .optional()
    .refine((v) => !v || v.length >= 32, { message: "must be at least 32 characters (e.g. openssl rand -hex 32)" }),
}).refine((e) => e.DEMO_DATA === "on" || Boolean(e.PUBLIC_URL), {
  // A real deployment has no request it may trust for its own address: links in emails and the
  // verification link sealed into agreements name the configured one.
  path: ["PUBLIC_URL"],
  message: "required when DEMO_DATA=off: the portal's public origin, e.g. https://portal.example.vn",
}).refine((e) => e.DEMO_DATA === "on" || Boolean(e.SIGNING_P12_PATH) || e.SIGNING_DEVELOPMENT_CERTIFICATE === "on", {
  // A self-signed certificate anyone can imitate must not seal a real deployment's agreements by default.
  path: ["SIGNING_P12_PATH"],
  message: "required when DEMO_DATA=off: the PKCS#12 file of the certificate that seals agreements (or SIGNING_DEVELOPMENT_CERTIFICATE=on to seal with a development certificate, marked as such)",
});

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  database: { dialect: "sqlite"; file: string } | { dialect: "postgres"; url: string };
  smtpUrl: string | null;
  mailFrom: string;
  signing: { p12Path: string | null; passphrase: string };
  /** RFC 3161 timestamp authority for agreement seals (PAdES B-T); unset: seals carry the signer's own time only (B-B). */
  tsaUrl: string | null;
  /** A directory of PEM root certificates trusted for signatories' own digital signatures; unset: none is accepted. */
  trustedCaDir: string | null;
  publicUrl: string | null;
  /** How many proxies in front of the portal are believed about the client address (X-Forwarded-For). */
  trustProxy: number;
  /** Worker processes sharing the port; 1 serves from the starting process itself. */
  webConcurrency: number;
  /** Keys the audit chain's HMAC; unset: a key generated once under dataDir. */
  auditChainKey: string | null;
  /** Signs the portal's own short-lived cookies (the flash message); unset: a secret generated once under dataDir. */
  cookieSecret: string | null;
  demoData: boolean;
  /** Where the portal keeps files that must not be in git (the development certificate, the audit key). */
  dataDir: string;
  logRequests: boolean;
  /** How often each process looks for due jobs (named for the outbox, the queue's first use). */
  outboxPollMs: number;
  reminderPollMs: number;
  /** First retry delay after a failed job (a delivery, a seal); doubles with each attempt. */
  outboxRetryBaseMs: number;
};

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const root = process.cwd();
  const database: Config["database"] = /^postgres(ql)?:\/\//.test(e.DATABASE_URL)
    ? { dialect: "postgres", url: e.DATABASE_URL }
    : {
        dialect: "sqlite",
        file: e.DATABASE_URL
          ? path.resolve(root, e.DATABASE_URL.slice("file:".length))
          : path.join(root, "db", "portal.db"),
      };
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    database,
    smtpUrl: e.SMTP_URL || null,
    mailFrom: e.MAIL_FROM,
    signing: { p12Path: e.SIGNING_P12_PATH || null, passphrase: e.SIGNING_P12_PASSPHRASE ?? "" },
    tsaUrl: e.TSA_URL || null,
    trustedCaDir: e.TRUSTED_CA_DIR ? path.resolve(root, e.TRUSTED_CA_DIR) : null,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/$/, "") : null,
    trustProxy: e.TRUST_PROXY,
    webConcurrency: e.WEB_CONCURRENCY ?? os.availableParallelism(),
    auditChainKey: e.AUDIT_CHAIN_KEY || null,
    cookieSecret: e.COOKIE_SECRET || null,
    demoData: e.DEMO_DATA === "on",
    dataDir: e.DATA_DIR ? path.resolve(root, e.DATA_DIR) : path.join(root, "var"),
    logRequests: e.LOG_REQUESTS === "on",
    outboxPollMs: e.OUTBOX_POLL_MS,
    reminderPollMs: e.REMINDER_POLL_MS,
    outboxRetryBaseMs: e.OUTBOX_RETRY_BASE_MS,
  };
}

let config: Config | undefined;

export function getConfig(): Config {
  config ??= parseConfig(process.env);
  return config;
}

/**
 * The portal's origin for every link it makes (emails, sealed agreements, background jobs):
 * PUBLIC_URL, else the local address it listens on. Never the request's Host, which a client chooses.
 */
export function portalOrigin(): string {
  const config = getConfig();
  return config.publicUrl ?? `http://localhost:${config.port}`;
}
