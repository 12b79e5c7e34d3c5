import type { Locale } from "~/i18n/locale";
import { translate } from "~/i18n/translate";

export type EmailContent = {
  locale: Locale;
  /** First line of the message, e.g. "Kính gửi ông/bà Nguyễn Văn A,". */
  greeting?: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Label/value pairs shown as a small table (event, time, venue…). */
  details?: [string, string][];
  footnote?: string;
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/**
 * Every email in the portal's look: HTML with inline styles (mail clients drop stylesheets)
 * and a plain-text part that says the same.
 */
export function renderEmail(content: EmailContent): { html: string; text: string } {
  const appName = translate(content.locale, "app.name");
  const footer = translate(content.locale, "footer.about");
  const lines: string[] = [];
  if (content.greeting) lines.push(content.greeting, "");
  lines.push(content.heading, "", ...content.paragraphs.flatMap((p) => [p, ""]));
  if (content.details?.length) lines.push(...content.details.map(([k, v]) => `${k}: ${v}`), "");
  if (content.action) lines.push(`${content.action.label}: ${content.action.url}`, "");
  if (content.footnote) lines.push(content.footnote, "");
  lines.push("—", appName, footer);

  const details = content.details?.length
    ? `<table role="presentation" style="border-collapse:collapse;margin:16px 0;width:100%">${content.details
        .map(
          ([k, v]) =>
            `<tr><td style="padding:6px 12px 6px 0;color:#51606f;vertical-align:top;white-space:nowrap">${escapeHtml(k)}</td><td style="padding:6px 0;color:#13202e">${escapeHtml(v)}</td></tr>`,
        )
        .join("")}</table>`
    : "";
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#0b3b66;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:600">${escapeHtml(content.action.label)}</a></p><p style="font-size:13px;color:#51606f;word-break:break-all">${escapeHtml(content.action.url)}</p>`
    : "";
  const html = `<!doctype html><html lang="${content.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.heading)}</title></head>
<body style="margin:0;background:#f3f5f8;font-family:'Be Vietnam Pro',Arial,Helvetica,sans-serif;color:#13202e">
<table role="presentation" width="100%" style="border-collapse:collapse"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" style="max-width:600px;border-collapse:collapse;background:#ffffff;border-radius:8px;overflow:hidden">
<tr><td style="background:#0b3b66;color:#ffffff;padding:16px 24px;font-weight:700;font-size:15px">${escapeHtml(appName)}</td></tr>
<tr><td style="padding:24px;font-size:15px;line-height:1.6">
${content.greeting ? `<p style="margin:0 0 12px">${escapeHtml(content.greeting)}</p>` : ""}
<h1 style="font-size:20px;margin:0 0 16px;color:#0b3b66">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p)}</p>`).join("\n")}
${details}${action}
${content.footnote ? `<p style="font-size:13px;color:#51606f">${escapeHtml(content.footnote)}</p>` : ""}
</td></tr>
<tr><td style="padding:16px 24px;background:#f8fafc;font-size:12px;color:#51606f">${escapeHtml(footer)}</td></tr>
</table></td></tr></table></body></html>`;
  return { html, text: lines.join("\n") };
}
