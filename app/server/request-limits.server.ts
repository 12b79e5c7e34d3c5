import type { RequestHandler } from "express";
import { localeOfCookie } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";

/** The portal's pages and forms use only these; TRACE and CONNECT would even crash the Fetch API's Request. */
const METHODS = ["GET", "HEAD", "POST"];
/** Above every route's own limit (the largest: the form and six 10 MB evidence files, five and one of slack), which the routes check themselves. */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;
/**
 * What a refused sender may still send after our answer, before the connection is cut: enough for a
 * form a little over a limit to finish, so the browser reads the answer instead of a reset. Several
 * seconds, as a phone on a slow network (or a busy server) may still be sending; the byte cap bounds
 * what that costs.
 */
const LINGER_MS = 5000;
const LINGER_BYTES = 4 * 1024 * 1024;
/**
 * Answers what no route should see: a method the portal does not use (405) and a declared body
 * over any route's limit (413), in the reader's language. And when a route answers before it has
 * read the whole body (it refused the body at a limit), the rest is not read on for ever: after the
 * answer, a little more is drained so that a browser still sending reads our answer rather than a
 * reset, then the connection is cut. (`Connection: close` would not do: Node then destroys the
 * socket as soon as the answer is written, and the browser sees only the reset.)
 */
export function requestLimits(): RequestHandler {
  return (req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (!req.complete) cutOffAfterAnswer(req, res);
      return writeHead.apply(this, args);
    } as typeof writeHead;
    const locale = localeOfCookie(req.get("cookie"));
    if (!METHODS.includes(req.method)) {
      res.status(405).set("Allow", METHODS.join(", ")).type("text/plain").send(translate(locale, "request.methodNotAllowed", { method: req.method.slice(0, 20) }));
      return;
    }
    const declared = Number(req.get("content-length") ?? 0);
    if (declared > MAX_REQUEST_BYTES) {
      res.status(413).type("text/plain").send(translate(locale, "request.tooLarge", { max: `${MAX_REQUEST_BYTES / (1024 * 1024)} MB` }));
      return;
    }
    next();
  };
}

function cutOffAfterAnswer(req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]) {
  res.once("finish", () => {
    if (req.complete) return;
    const cut = () => req.socket.destroy();
    const timer = setTimeout(cut, LINGER_MS);
    timer.unref();
    req.once("end", () => clearTimeout(timer));
    // The route's reader stopped listening; what still arrives is counted and dropped.
    let drained = 0;
    req.removeAllListeners("data");
    req.on("data", (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > LINGER_BYTES) {
        clearTimeout(timer);
        cut();
      }
    });
    req.resume();
  });
}
