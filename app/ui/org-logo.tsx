import { initialsOf } from "./initials";

export function OrgLogo({ name, shortName, fileId }: { name: string; shortName: string | null; fileId: string | null }) {
  if (fileId) return <img className="org-logo" src={`/files/${fileId}`} alt="" loading="lazy" />;
  return (
    <span className="org-logo org-logo-initials" aria-hidden="true">
      {initialsOf(shortName ?? name)}
    </span>
  );
}
