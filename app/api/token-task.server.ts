import { can, loadActor } from "~/auth/permissions.server";
import type { DB } from "~db/schema";
import { ApiTokenCreateSchema } from "./api.schema";
import { createApiToken, findEnabledUserByEmail } from "./tokens.server";

/**
 * `npm run api:token -- --email EMAIL --name NAME`: a token for that user, under the same rule as
 * the form in /account (staff or an organization's admin). The token is the last line printed,
 * so a script can take it with `tail -n 1`.
 */
export async function runApiTokenTask(db: DB, args: string[]): Promise<number> {
  const option = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const email = option("--email");
  const name = ApiTokenCreateSchema.safeParse({ name: option("--name") ?? "" });
  if (!email || !name.success) {
    console.error("Usage: npm run api:token -- --email EMAIL --name NAME (a name of 1 to 80 characters).");
    return 2;
  }
  const user = await findEnabledUserByEmail(db, email);
  if (!user) {
    console.error(`No enabled account has the address ${email}.`);
    return 1;
  }
  if (!can(await loadActor(db, user), { action: "api.token.create" })) {
    console.error(`${user.email} may not hold API tokens: only staff and organization admins may.`);
    return 1;
  }
  const created = await createApiToken(db, user, name.data.name, null);
  if (created.kind === "tooMany") {
    console.error(`${user.email} already holds the most live tokens; revoke one in /account first.`);
    return 1;
  }
  console.log(`API token "${name.data.name}" created for ${user.email}. It is shown once; only its hash is stored:`);
  console.log(created.token);
  return 0;
}
