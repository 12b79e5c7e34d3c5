import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/auth/lucia.server";

/** Signing out ends the session on the server, not only the cookie. */
export async function action({ context }: ActionFunctionArgs) {
  const cookie = await endSession(context.sessionId, context.secure);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/");
}
