/**
 * A small HTTP client with a cookie jar, speaking to a test server as a browser would:
 * same-origin Origin header on every state-changing request, redirects not followed.
 */
/**
 * fetch, sent once more when it was written into a kept-alive socket the server had already closed
 * as idle: tests block the event loop with execFileSync (pdftoppm, qpdf, key generation), so fetch
 * cannot notice the close in time. The server never read that request, so sending it again is safe;
 * a server that really went away fails the second time too.
 */
async function fetchOnLiveSocket(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code !== "UND_ERR_SOCKET" || cause.message !== "other side closed" || init.body instanceof ReadableStream) throw error;
    return fetch(url, init);
  }
}

export class Client {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && !headers.has("Origin")) headers.set("Origin", this.baseUrl);
    const res = await fetchOnLiveSocket(this.baseUrl + path, { ...init, headers, redirect: "manual" });
    this.remember(res);
    return res;
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  /** Posts a form (urlencoded, or multipart when given FormData). */
  post(path: string, fields: Record<string, string | string[]> | FormData, headers: Record<string, string> = {}) {
    let body: URLSearchParams | FormData;
    if (fields instanceof FormData) body = fields;
    else {
      body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    return this.request(path, { method: "POST", body, headers });
  }

  /** Follows a redirect as a browser would, with the cookies it set (a flash message among them). */
  async follow(res: Response): Promise<Response> {
    const location = res.headers.get("location");
    if (!location) throw new Error(`expected a redirect, got ${res.status}`);
    return this.get(location);
  }

  async signIn(email: string, password = "vinhphuc-demo"): Promise<Response> {
    const res = await this.post("/login", { email, password });
    if (res.status !== 302) throw new Error(`sign-in as ${email} failed with ${res.status}`);
    return res;
  }
}

export const DEMO = {
  staff: "staff@nic.demo.example",
  organizer: "organizer@vinhphuc.demo.example",
  signer3ds: "signer@3ds.demo.example",
  signerKami: "signer@kami.demo.example",
} as const;
