import crypto from "node:crypto";
import http from "node:http";
import type net from "node:net";
import * as asn1js from "asn1js";
import forge from "node-forge";
import * as pkijs from "pkijs";
import { buildSignedData, OID } from "~/pdf/cms.server";

/** A certificate with its key, made by forge: for the test TSA and the test CAs alike. */
export function makeCertificate(options: {
  commonName: string;
  issuer?: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
  ca?: boolean;
  extKeyUsage?: "timeStamping";
  notBefore?: Date;
  notAfter?: Date;
  /** A subject UID, where Vietnamese CAs write the holder's tax code or citizen ID (`MST:…`, `CCCD:…`). */
  uid?: string;
  /** A CRL distribution point (http URL) the certificate names, as licensed CAs do. */
  crlUrl?: string;
}) {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = "01" + forge.util.bytesToHex(forge.random.getBytesSync(8));
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 365 * 24 * 3600_000);
  // UTF8String, as Vietnamese CAs write names with diacritics (forge would write a PrintableString).
  const subject = [
    { name: "commonName", value: options.commonName, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
    { name: "countryName", value: "VN" },
    ...(options.uid ? [{ type: "0.9.2342.19200300.100.1.1", value: options.uid, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }] : []),
  ];
  cert.setSubject(subject);
  cert.setIssuer(options.issuer ? options.issuer.cert.subject.attributes : subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: Boolean(options.ca), critical: true },
    options.ca ? { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true } : { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    ...(options.extKeyUsage ? [{ name: "extKeyUsage", timeStamping: true, critical: true }] : []),
    ...(options.crlUrl ? [{ name: "cRLDistributionPoints", altNames: [{ type: 6, value: options.crlUrl }] }] : []),
  ]);
  cert.sign(options.issuer?.key ?? keys.privateKey, forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), "binary");
  return { cert, key: keys.privateKey, der, pem: forge.pki.certificateToPem(cert), keyObject: crypto.createPrivateKey(forge.pki.privateKeyToPem(keys.privateKey)) };
}

/**
 * An RFC 3161 timestamp authority on loopback, signing with its own self-signed certificate
 * (extended key usage timeStamping, as `openssl ts -verify` demands). `failing` makes it answer 503.
 */
export class TestTsa {
  failing = false;
  requests = 0;
  private constructor(
    private readonly server: http.Server,
    readonly certificate: ReturnType<typeof makeCertificate>,
  ) {}

  static async start(): Promise<TestTsa> {
    const certificate = makeCertificate({ commonName: "Test Timestamp Authority", extKeyUsage: "timeStamping" });
    let tsa: TestTsa;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        tsa.requests++;
        if (tsa.failing) {
          res.writeHead(503).end();
          return;
        }
        tsa.answer(Buffer.concat(chunks)).then(
          (body) => res.writeHead(200, { "content-type": "application/timestamp-reply" }).end(body),
          () => res.writeHead(400).end(),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    tsa = new TestTsa(server, certificate);
    return tsa;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}/tsa`;
  }

  private async answer(body: Buffer): Promise<Buffer> {
    const request = pkijs.TimeStampReq.fromBER(new Uint8Array(body));
    const info = new pkijs.TSTInfo({
      version: 1,
      policy: "1.3.6.1.4.1.99999.1",
      messageImprint: request.messageImprint,
      serialNumber: new asn1js.Integer({ value: this.requests }),
      genTime: new Date(),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const token = await buildSignedData(
      { key: this.certificate.keyObject, chain: [this.certificate.der] },
      { content: Buffer.from(info.toSchema().toBER()), contentType: OID.tstInfo, encapsulate: true },
    );
    const response = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: 0 }),
      timeStampToken: pkijs.ContentInfo.fromBER(new Uint8Array(token)),
    });
    return Buffer.from(response.toSchema().toBER());
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
