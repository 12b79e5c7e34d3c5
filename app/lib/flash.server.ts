import { createCookie, redirect, type Cookie, type TypedResponse } from "@remix-run/node";
import { z } from "zod";
import { getConfig } from "~/config.server";
import { MESSAGES, type MessageKey } from "~/i18n/messages";
import { readDataDirSecret } from "./data-dir-secret.server";

/**
 * A confirmation shown once on the page a redirect leads to ("Saved", "You have signed"). It carries
 * a message key, not text, so that the layout shows it in the reader's language.
 */
export type Flash = { key: MessageKey; params?: Record<string, string | number> };

const FlashSchema = z.object({
  key: z.string().refine((key): key is MessageKey => key in MESSAGES),
  params: z.record(z.union([z.string().max(300), z.number()])).optional(),
});

let cookie: Cookie | undefined;

function flashCookie(): Cookie {
  if (!cookie) {
    const config = getConfig();
    const secret = config.cookieSecret ?? readDataDirSecret(config, "cookie.secret", true)!.toString("hex");
    // Signed, so that no other site can plant words in the portal's voice; a minute is enough to
    // follow one redirect, and a flash never outlives the page it was meant for.
    cookie = createCookie("portal_flash", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60, secrets: [secret] });
  }
  return cookie;
}

/** A redirect (Post/Redirect/Get) that shows `flash` once on the page it leads to. */
export async function redirectWithFlash(to: string, flash: Flash, secure: boolean, headers?: HeadersInit): Promise<TypedResponse<never>> {
  const response = redirect(to, { headers });
  response.headers.append("Set-Cookie", await flashCookie().serialize(flash, { secure }));
  return response;
}

/** The flash waiting for this request, if any, and the cookie that clears it: a flash is read once. */
export async function takeFlash(request: Request, secure: boolean): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const header = request.headers.get("cookie");
  if (!header || !/(?:^|;\s*)portal_flash=/.test(header)) return { flash: null, setCookie: null };
  const parsed = FlashSchema.safeParse(await flashCookie().parse(header));
  const setCookie = await flashCookie().serialize("", { maxAge: 0, expires: new Date(0), secure });
  return { flash: parsed.success ? parsed.data : null, setCookie };
}
