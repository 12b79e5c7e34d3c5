import { simpleParser, type ParsedMail } from "mailparser";
import net from "node:net";
import { SMTPServer } from "smtp-server";

export type CapturedMail = ParsedMail & { to_address: string; raw: Buffer };

/**
 * A real SMTP server on loopback that keeps what it receives. It can be stopped and started
 * again on the same port, to test that mail survives a mail server that is down.
 */
export class TestSmtpServer {
  readonly messages: CapturedMail[] = [];
  private server: SMTPServer | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<TestSmtpServer> {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = net.createServer();
      probe.listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
      probe.on("error", reject);
    });
    const smtp = new TestSmtpServer(port);
    await smtp.listen();
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", async () => {
          const raw = Buffer.concat(chunks);
          const parsed = await simpleParser(raw);
          const to = session.envelope.rcptTo.map((r) => r.address).join(",");
          this.messages.push(Object.assign(parsed, { to_address: to, raw }));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until a message matching `match` has arrived (mail goes out from a background worker). */
  async waitFor(match: (m: CapturedMail) => boolean, timeoutMs = 15_000): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`no matching mail in ${timeoutMs} ms; received: ${this.messages.map((m) => `${m.to_address}: ${m.subject}`).join(" | ") || "nothing"}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  to(address: string): CapturedMail[] {
    return this.messages.filter((m) => m.to_address.toLowerCase() === address.toLowerCase());
  }
}
