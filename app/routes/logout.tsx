import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { recordLogout } from "~/auth/login.server";
import { endSession } from "~/auth/lucia.server";
import { getDb } from "~/db.server";

/** Signing out ends the session on the server, not only the cookie. */
export async function action({ context }: ActionFunctionArgs) {
  const user = context.user;
  const cookie = await endSession(context.sessionId, context.secure);
  if (user) await recordLogout(getDb(), user, context.clientIp);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/");
}
