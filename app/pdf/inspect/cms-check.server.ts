import crypto from "node:crypto";
import * as pkijs from "pkijs";
import { describeCertificate, type CertificateFacts } from "../certificate.server";
import { OID } from "../cms.server";

export type CmsVerdict = "valid" | "invalid" | "unreadable" | "unsupported";

/** What the CMS inside a signature says, checked over the bytes it claims to sign. */
export type CmsCheck = {
  verdict: CmsVerdict;
  /** The signer's certificate, then every other certificate the CMS carries, as DER. */
  certificate: Omit<CertificateFacts, "der"> | null;
  chain: Buffer[];
  /** A signing-time signed attribute, when the signer's tool wrote one (PAdES puts it in /M instead). */
  signingTime: string | null;
  /** An RFC 3161 token over the signature value: its time, and whether it answers this signature. */
  timestamp: { at: string; valid: boolean } | null;
};

const HASHES: Record<string, string> = {
  "1.3.14.3.2.26": "sha1",
  [OID.sha256]: "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};
const SIGNING_TIME = "1.2.840.113549.1.9.5";

/** A /Contents value is the DER followed by zero padding: cut at the length the outer SEQUENCE declares. */
function trimDer(padded: Buffer): Buffer {
  if (padded.length < 2 || padded[0] !== 0x30) return padded;
  const long = padded[1] & 0x80;
  const header = long ? 2 + (padded[1] & 0x7f) : 2;
  if (header > 6) return padded;
  const length = long ? padded.subarray(2, header).reduce((n, byte) => n * 256 + byte, 0) : padded[1];
  return padded.subarray(0, Math.min(padded.length, header + length));
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function signerCertificate(signed: pkijs.SignedData): pkijs.Certificate | null {
  const sid = signed.signerInfos[0]?.sid;
  const certificates = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (sid instanceof pkijs.IssuerAndSerialNumber) return certificates.find((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer)) ?? null;
  return certificates[0] ?? null;
}

async function verifies(signed: pkijs.SignedData, data?: Buffer): Promise<boolean> {
  try {
    const result = await signed.verify({ signer: 0, checkChain: false, extendedMode: true, ...(data ? { data: toArrayBuffer(data) } : {}) });
    return result.signatureVerified === true;
  } catch {
    return false;
  }
}

/** The time an RFC 3161 token vouches for, and whether its imprint is the hash of `imprinted`. */
async function readTimestamp(token: pkijs.ContentInfo, imprinted: Buffer): Promise<{ at: string; valid: boolean } | null> {
  const signed = new pkijs.SignedData({ schema: token.content });
  const eContent = signed.encapContentInfo.eContent;
  if (signed.encapContentInfo.eContentType !== OID.tstInfo || !eContent) return null;
  const info = pkijs.TSTInfo.fromBER(eContent.getValue());
  const hash = HASHES[info.messageImprint.hashAlgorithm.algorithmId];
  const imprint = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView);
  const matches = Boolean(hash) && crypto.createHash(hash).update(imprinted).digest().equals(imprint);
  return { at: info.genTime.toISOString(), valid: matches && (await verifies(signed)) };
}

function publicFacts(der: Buffer): Omit<CertificateFacts, "der"> {
  const { subject, issuer, notBefore, notAfter, fingerprint } = describeCertificate(der);
  return { subject, issuer, notBefore, notAfter, fingerprint };
}

function firstAttribute(info: pkijs.SignerInfo, type: string, which: "signedAttrs" | "unsignedAttrs") {
  return info[which]?.attributes.find((a) => a.type === type)?.values[0];
}

/**
 * Checks a signature's CMS over the bytes its /ByteRange names: detached signatures (adbe.pkcs7.detached,
 * ETSI.CAdES.detached) by pkijs, which also compares the message-digest attribute with the data;
 * document timestamps (ETSI.RFC3161) by their imprint. The chain is not judged here: whether it leads
 * to a trusted root depends on who asks.
 */
export async function checkCms(contents: Buffer, signedBytes: Buffer, subFilter: string | null): Promise<CmsCheck> {
  const none: CmsCheck = { verdict: "unreadable", certificate: null, chain: [], signingTime: null, timestamp: null };
  let signed: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(trimDer(contents)));
    if (info.contentType !== OID.signedData) return none;
    signed = new pkijs.SignedData({ schema: info.content });
    if (!signed.signerInfos.length) return none;
  } catch {
    return none;
  }
  const certificate = signerCertificate(signed);
  const others = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate && c !== certificate);
  const chain = [certificate, ...others].flatMap((c) => (c ? [Buffer.from(c.toSchema().toBER())] : []));
  const base = { certificate: certificate ? publicFacts(chain[0]) : null, chain };
  const info = signed.signerInfos[0];
  const time = firstAttribute(info, SIGNING_TIME, "signedAttrs");
  const signingTime = time && "toDate" in time && typeof time.toDate === "function" ? (time.toDate() as Date).toISOString() : null;
  if (subFilter === "ETSI.RFC3161") {
    const timestamp = await readTimestamp(new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema() }), signedBytes).catch(() => null);
    return { ...base, verdict: timestamp?.valid ? "valid" : "invalid", signingTime: timestamp?.at ?? null, timestamp };
  }
  if (subFilter === "adbe.pkcs7.sha1" || subFilter === "adbe.x509.rsa_sha1") return { ...base, verdict: "unsupported", signingTime, timestamp: null };
  const tokenValue = firstAttribute(info, OID.signatureTimeStampToken, "unsignedAttrs");
  const timestamp = tokenValue
    ? await readTimestamp(new pkijs.ContentInfo({ schema: tokenValue }), Buffer.from(info.signature.valueBlock.valueHexView)).catch(() => null)
    : null;
  return { ...base, verdict: (await verifies(signed, signedBytes)) ? "valid" : "invalid", signingTime, timestamp };
}
