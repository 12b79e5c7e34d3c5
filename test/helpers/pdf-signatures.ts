import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** The CMS of each signature in a PDF (last revision last), read from /ByteRange and /Contents. */
export function extractSignatures(pdf: Buffer): { cms: Buffer; signedBytes: Buffer }[] {
  const text = pdf.toString("latin1");
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => {
    const [a, b, c, d] = m.slice(1).map(Number);
    const hex = text.slice(a + b + 1, c - 1);
    const padded = Buffer.from(hex, "hex");
    // The placeholder is zero-padded after the DER: cut at the length the outer SEQUENCE declares.
    const header = padded[1] & 0x80 ? 2 + (padded[1] & 0x7f) : 2;
    const length = padded[1] & 0x80 ? padded.subarray(2, header).reduce((n, byte) => n * 256 + byte, 0) : padded[1];
    return { cms: padded.subarray(0, header + length), signedBytes: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]) };
  });
}

/** The signer's certificate and, when there is one, the RFC 3161 token over the signature value. */
export function readCms(cms: Buffer): { signerCertificate: Buffer; signatureValue: Buffer; timestampToken: Buffer | null } {
  const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(cms)).content });
  const info = signed.signerInfos[0];
  const sid = info.sid as pkijs.IssuerAndSerialNumber;
  const certificate = (signed.certificates ?? []).find(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate && c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer),
  );
  if (!certificate) throw new Error("the CMS does not carry its signer's certificate");
  const token = info.unsignedAttrs?.attributes.find((a) => a.type === "1.2.840.113549.1.9.16.2.14")?.values[0] as asn1js.Sequence | undefined;
  return {
    signerCertificate: Buffer.from(certificate.toSchema().toBER()),
    signatureValue: Buffer.from(info.signature.valueBlock.valueHexView),
    timestampToken: token ? Buffer.from(token.toBER()) : null,
  };
}
