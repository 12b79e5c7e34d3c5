import crypto from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  sha256: "2.16.840.1.101.3.4.2.1",
  rsaEncryption: "1.2.840.113549.1.1.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  signatureTimeStampToken: "1.2.840.113549.1.9.16.2.14",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
} as const;

/** A private key with its certificate first and the rest of its chain after it, as DER. */
export type CmsSigner = { key: crypto.KeyObject; chain: Buffer[] };

export function sha256(data: Buffer | ArrayBuffer | Uint8Array): Buffer {
  return crypto.createHash("sha256").update(data instanceof ArrayBuffer ? new Uint8Array(data) : data).digest();
}

export function parseCertificate(der: Buffer): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

/**
 * ESS signing-certificate-v2 (RFC 5035): binds the signature to this very certificate, so a
 * certificate made with the same name and a different key cannot be substituted. PAdES requires it.
 */
function signingCertificateV2(der: Buffer): asn1js.Sequence {
  const cert = parseCertificate(der);
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }),
    serialNumber: cert.serialNumber,
  });
  // hashAlgorithm is left out: SHA-256 is its DEFAULT, and DER omits a default.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(der) }), issuerSerial.toSchema()] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/**
 * DER orders a SET OF by the encodings of its elements; verifiers such as OpenSSL re-encode the
 * signed attributes before checking the signature, so an unsorted set would not verify there.
 */
function sortedByEncoding(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  return attributes
    .map((a) => ({ a, der: Buffer.from(a.toSchema().toBER()) }))
    .sort((x, y) => Buffer.compare(x.der, y.der))
    .map((x) => x.a);
}

function signatureAlgorithm(key: crypto.KeyObject): pkijs.AlgorithmIdentifier {
  if (key.asymmetricKeyType === "rsa") return new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() });
  if (key.asymmetricKeyType === "ec") return new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 });
  throw new Error(`Keys of type ${key.asymmetricKeyType} cannot sign here; use RSA or ECDSA.`);
}

/**
 * A CMS SignedData with one signer (CAdES-BES shape): content type, message digest and
 * signing-certificate-v2 as signed attributes and no signing time (PAdES puts the time in the
 * signature dictionary's /M). `content` is the data signed; with `encapsulate` it is carried
 * inside (a timestamp token), otherwise the signature is detached (a PDF's byte ranges).
 */
export async function buildSignedData(
  signer: CmsSigner,
  options: { content: Buffer; contentType?: string; encapsulate?: boolean; unsignedAttributes?: (signature: Buffer) => Promise<pkijs.Attribute[]> },
): Promise<Buffer> {
  const contentType = options.contentType ?? OID.data;
  const certificate = parseCertificate(signer.chain[0]);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: sortedByEncoding([
      attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: contentType })),
      attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: sha256(options.content) })),
      attribute(OID.signingCertificateV2, signingCertificateV2(signer.chain[0])),
    ]),
  });
  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] they travel in.
  const toSign = Buffer.from(signedAttrs.toSchema().toBER());
  toSign[0] = 0x31;
  const signature = crypto.sign("sha256", toSign, signer.key);
  const unsigned = options.unsignedAttributes ? await options.unsignedAttributes(signature) : [];
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: signatureAlgorithm(signer.key),
    signature: new asn1js.OctetString({ valueHex: signature }),
    ...(unsigned.length ? { unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: unsigned }) } : {}),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: contentType,
      ...(options.encapsulate ? { eContent: new asn1js.OctetString({ valueHex: options.content }) } : {}),
    }),
    certificates: signer.chain.map(parseCertificate),
    signerInfos: [signerInfo],
  });
  if (contentType !== OID.data) signedData.version = 3;
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER());
}
