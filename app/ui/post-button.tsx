import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/** One button that posts a few hidden fields (an intent and an id): works without JavaScript. */
export function PostButton({
  fields,
  className = "button button-small",
  encType,
  children,
}: {
  fields: Record<string, string>;
  className?: string;
  encType?: "multipart/form-data";
  children: ReactNode;
}) {
  return (
    <Form method="post" encType={encType}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className}>
        {children}
      </button>
    </Form>
  );
}
