import { Client } from "./http";
import type { TestServer } from "./server";

/**
 * Signs an MoU as its signatory would: asks for the emailed code, reads it from the outbox and
 * signs with a typed name. Returns the signing request's answer and the signed-in client.
 */
export async function signWithEmailedCode(server: TestServer, email: string, name: string, mouId: string): Promise<{ res: Response; client: Client }> {
  const client = new Client(server.baseUrl);
  await client.signIn(email);
  const asked = await client.post(`/mous/${mouId}/sign`, { intent: "code" });
  if (asked.status !== 302) throw new Error(`asking for a signing code answered ${asked.status}`);
  const mail = await server.db.selectFrom("outbox").select("subject").where("to_address", "=", email).where("kind", "=", "mou_signing_code").orderBy("created_at", "desc").limit(1).executeTakeFirstOrThrow();
  const code = /(\d{6})/.exec(mail.subject)![1];
  return { res: await client.post(`/mous/${mouId}/sign`, { intent: "sign", code, method: "typed", typed_signature: name, consent: "on" }), client };
}
