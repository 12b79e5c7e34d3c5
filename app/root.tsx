import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getLocale } from "~/i18n/locale.server";
import type { Locale } from "~/i18n/locale";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
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
  return json({
    locale: getLocale(request),
    user: user
      ? { id: user.id, name: user.name, email: user.email, isStaff: user.isStaff, isOrganizer: user.isOrganizer }
      : null,
  });
}


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
