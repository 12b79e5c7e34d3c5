import { newId } from "~/lib/ids.server";
import type { Tx } from "~db/schema";
import { at, dayFromToday } from "./days";

/**
 * Self-service onboarding as staff and an org admin find it: one sample company that registered
 * itself and awaits verification, and one sample engineer asking to join Kami. Both invented.
 */
export async function seedOnboarding(trx: Tx, passwordHash: string) {
  const registered = at(dayFromToday(-2), "14:30");
  const person = async (email: string, name: string) => {
    const id = newId();
    await trx
      .insertInto("users")
      .values({ id, email, name, password_hash: passwordHash, email_verified_at: registered, locale: "vi", position: null, phone: null, disabled_at: null, created_at: registered, updated_at: registered })
      .execute();
    return id;
  };
  const founder = await person("giam.doc@tamduong.demo.example", "Lê Thị Hoa (mẫu)");
  await trx
    .insertInto("organizations")
    .values({
      id: "tam-duong-automation",
      name_vi: "Công ty Cổ phần Tự động hóa Tam Dương (mẫu)",
      name_en: "Tam Duong Automation JSC (sample)",
      short_name: "Tam Dương Automation",
      kind: "enterprise",
      country: "VN",
      province: "Vĩnh Phúc",
      sector: "Tự động hóa, IoT công nghiệp",
      website: null,
      description_vi: "Doanh nghiệp mẫu tự đăng ký, đang chờ NIC xác minh.",
      description_en: "A sample company that registered itself and awaits verification by NIC.",
      tax_code: "2500999001",
      address: "Thị trấn Hợp Hòa, huyện Tam Dương, Vĩnh Phúc (mẫu)",
      contact_name: "Lê Thị Hoa (mẫu)",
      contact_email: "giam.doc@tamduong.demo.example",
      contact_phone: null,
      email_domain: "tamduong.demo.example",
      registered_by: founder,
      is_sample: 1,
      created_at: registered,
      updated_at: registered,
    })
    .execute();
  await trx.insertInto("memberships").values({ id: newId(), org_id: "tam-duong-automation", user_id: founder, role: "admin", created_at: registered }).execute();

  const engineer = await person("ky.su@kami.demo.example", "Phạm Minh Đức (mẫu)");
  await trx
    .insertInto("join_requests")
    .values({ id: newId(), org_id: "kami", user_id: engineer, message: "Tôi là kỹ sư MES mới của Kami (dữ liệu mẫu).", status: "pending", decided_by: null, decided_at: null, created_at: registered })
    .execute();
}
