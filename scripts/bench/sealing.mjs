// Sealing an agreement (layout with pdfkit, then the PAdES seal) against a bare one-page pdfkit
// document made in the same run: what the portal adds on top of the PDF library itself; and the
// inspection /verify runs on every upload, over such a sealed agreement.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import esbuild from "esbuild";
import PDFDocument from "pdfkit";

/** The portal's own PDF modules, bundled from app/ (TypeScript, `~/` paths) into one module to import. */
async function loadPortalPdf(root) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-seal-"));
  const outfile = path.join(dir, "pdf.mjs");
  await esbuild.build({
    stdin: {
      contents: 'export { renderAgreementPdf, sealPdf } from "~/pdf/agreement.server";\nexport { createSelfSignedP12, readP12 } from "~/pdf/certificate.server";\nexport { inspectPdf } from "~/pdf/inspect/inspect.server";\n',
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    tsconfig: path.join(root, "tsconfig.json"),
    // The project's packages stay imports (the `~/` paths are bundled, which esbuild's
    // `packages: "external"` would not do).
    external: Object.keys(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).dependencies),
    logLevel: "error",
  });
  // Packages resolve from the project's node_modules, so the bundle is imported from beside them.
  const placed = path.join(root, "build", `bench-pdf-${process.pid}.mjs`);
  fs.mkdirSync(path.dirname(placed), { recursive: true });
  fs.copyFileSync(outfile, placed);
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    return await import(pathToFileURL(placed).href);
  } finally {
    fs.rmSync(placed, { force: true });
  }
}

function barePage() {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: "A4" });
    const chunks = [];
    doc.on("data", (c) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.fontSize(14).text("Biên bản ghi nhớ (dữ liệu mẫu) / Memorandum of understanding (sample data)");
    doc.end();
  });
}

/** A two-party agreement of the demo's size: six clauses, five commitments, two signatures. */
function sampleDocument() {
  const at = new Date().toISOString();
  return {
    reference: "MOU-2026-9999",
    title: { vi: "Hợp tác phát triển kinh tế số (dữ liệu mẫu)", en: "Digital economy cooperation (sample data)" },
    purpose: { vi: "Mục đích hợp tác dài hạn.", en: "Long-term cooperation." },
    scope: { vi: "Pháp lý, kỹ thuật và kinh tế số địa phương.", en: "Legal, technical and local digital economy." },
    event: null,
    effectiveOn: at.slice(0, 10),
    expiresOn: null,
    versionNumber: 2,
    versionHash: "a".repeat(64),
    parties: [
      { name_vi: "Dassault Systèmes", name_en: "Dassault Systèmes", lead: true, logo: null },
      { name_vi: "CTCP Công nghệ Chế tạo Kami", name_en: "Kami Manufacturing Technology JSC", lead: false, logo: null },
    ],
    clauses: Array.from({ length: 6 }, (_, i) => ({
      heading_vi: `Điều ${i + 1}`,
      heading_en: `Article ${i + 1}`,
      body_vi: "Hai bên cùng phối hợp triển khai DELMIA và ENOVIA tại các nhà máy trong tỉnh, đào tạo kỹ sư và chia sẻ kinh nghiệm. ".repeat(4),
      body_en: "Both parties work together to deploy DELMIA and ENOVIA in the province's factories, train engineers and share experience. ".repeat(4),
    })),
    commitments: Array.from({ length: 5 }, (_, i) => ({ party: "Kami", title_vi: `Cam kết ${i + 1}`, title_en: `Commitment ${i + 1}`, target: 100, unit_vi: "kỹ sư", unit_en: "engineers", due_on: at.slice(0, 10) })),
    signatories: [
      { name: "Ding Ming Chee", title: "Business development", organization: "Dassault Systèmes", email: "signer@3ds.demo.example", kind: "typed", data: "Ding Ming Chee", signedAt: at },
      { name: "Đỗ Thị Thu Trang", title: "Giám đốc", organization: "Kami", email: "signer@kami.demo.example", kind: "typed", data: "Đỗ Thị Thu Trang", signedAt: at },
    ],
    audit: Array.from({ length: 12 }, (_, i) => ({ at, actor: "signer@kami.demo.example", step: `Bước ${i + 1}`, ip: "203.0.113.7", hash: "b".repeat(64) })),
    verifyUrl: "http://localhost:3000/verify?code=BENCH",
    issuedAt: at,
    developmentCertificate: true,
  };
}

async function timeEach(times, work) {
  await work(); // warm-up: fonts read, code compiled
  const started = process.hrtime.bigint();
  for (let i = 0; i < times; i++) await work();
  return Number(process.hrtime.bigint() - started) / 1e6 / times;
}

export default async function run({ root, quick }) {
  const { renderAgreementPdf, sealPdf, createSelfSignedP12, readP12, inspectPdf } = await loadPortalPdf(root);
  const passphrase = "bench";
  const { signer, subject, facts } = readP12(createSelfSignedP12(passphrase), passphrase, "bench");
  const certificate = { ...facts, name: subject, signer, source: "development" };
  const times = quick ? 3 : 20;
  const bare = await timeEach(times, barePage);
  const document = sampleDocument();
  const layout = await timeEach(times, () => renderAgreementPdf(document));
  const sealed = await timeEach(times, async () => {
    const { pdf, sealPlace } = await renderAgreementPdf(document);
    return sealPdf(pdf, certificate, { reason: "bench", location: "Vĩnh Phúc", at: new Date(), tsaUrl: null, place: sealPlace });
  });
  const { pdf: laidOut, sealPlace } = await renderAgreementPdf(document);
  const agreement = await sealPdf(laidOut, certificate, { reason: "bench", location: "Vĩnh Phúc", at: new Date(), tsaUrl: null, place: sealPlace });
  // What /verify adds to every upload: revisions, the seal checked over its byte range, changes classified.
  const inspected = await timeEach(times, () => inspectPdf(agreement));
  const reference = { name: "bare one-page pdfkit document (ms)", value: Math.round(bare * 10) / 10 };
  return [
    { section: "sealing", name: "agreement laid out, not sealed", value: Math.round(layout * 10) / 10, unit: "ms", reference },
    { section: "sealing", name: "agreement laid out and sealed (PAdES, no TSA)", value: Math.round(sealed * 10) / 10, unit: "ms", reference },
    { section: "sealing", name: "sealed agreement inspected as /verify does", value: Math.round(inspected * 10) / 10, unit: "ms", reference },
  ];
}
