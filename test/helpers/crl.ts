import http from "node:http";
import type net from "node:net";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { makeCertificate } from "./tsa";

type Ca = ReturnType<typeof makeCertificate>;

/** A CRL signed by `ca` listing `revoked` (certificates, revoked an hour ago), current for a day. */
export async function makeCrl(ca: Ca, revoked: Ca[], revokedAt = new Date(Date.now() - 3600_000)): Promise<Buffer> {
  const issuer = pkijs.Certificate.fromBER(new Uint8Array(ca.der));
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: issuer.subject,
    thisUpdate: new pkijs.Time({ type: 0, value: new Date(Date.now() - 3600_000) }),
    nextUpdate: new pkijs.Time({ type: 0, value: new Date(Date.now() + 24 * 3600_000) }),
  });
  if (revoked.length) {
    crl.revokedCertificates = revoked.map(
      (c) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({ valueHex: new Uint8Array(Buffer.from(c.cert.serialNumber, "hex")).buffer }),
          revocationDate: new pkijs.Time({ type: 0, value: revokedAt }),
        }),
    );
  }
  const key = await crypto.subtle.importKey("pkcs8", ca.keyObject.export({ format: "der", type: "pkcs8" }), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  await crl.sign(key, "SHA-256");
  return Buffer.from(crl.toSchema(true).toBER());
}

/** Serves one CRL on loopback; `failing` makes it answer 503, as a CA's server that is down. */
export class TestCrlServer {
  failing = false;
  crl: Buffer = Buffer.alloc(0);
  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<TestCrlServer> {
    let self: TestCrlServer;
    const server = http.createServer((_req, res) => {
      if (self.failing) res.writeHead(503).end();
      else res.writeHead(200, { "content-type": "application/pkix-crl" }).end(self.crl);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    self = new TestCrlServer(server);
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}/ca.crl`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
