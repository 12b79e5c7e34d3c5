import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { ReactNode } from "react";
import { getLocale } from "~/i18n/locale.server";
import { takeFlash } from "~/lib/flash.server";
import type { Locale } from "~/i18n/locale";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FlashNotice } from "~/ui/flash-notice";
import { SiteFooter, SiteHeader } from "~/ui/layout";
import { useNonce } from "~/ui/nonce";
import fonts from "~/styles/fonts.css";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fonts },
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Cổng Diễn đàn Đổi mới sáng tạo · Innovation Forum Portal" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = context.user;
  const { flash, setCookie } = await takeFlash(request, context.secure);
  return json(
    {
      locale: getLocale(request),
      user: user
        ? { id: user.id, name: user.name, email: user.email, isStaff: user.isStaff, isOrganizer: user.isOrganizer }
        : null,
      flash,
    },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

/** A flash belongs to one page: moving to another page reloads the layout's data, which drops it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || currentUrl.pathname !== nextUrl.pathname;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? "vi";
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b3b66" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader user={data?.user ?? null} />
        <main id="main" tabIndex={-1}>
          {data?.flash ? <FlashNotice flash={data.flash} /> : null}
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
