/** First letters of the first and last words: "Trần Duy Đông" → "TĐ". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return "?";
  const first = words[0][0];
  const last = words.length > 1 ? words[words.length - 1][0] : "";
  return (first + last).toLocaleUpperCase("vi");
}

/** A photo when there is one, else initials on a calm colour; decorative next to the name. */
export function Avatar({ name, fileId, size = "md" }: { name: string; fileId: string | null; size?: "md" | "lg" }) {
  if (fileId) return <img className={`avatar avatar-${size}`} src={`/files/${fileId}`} alt="" loading="lazy" />;
  return (
    <span className={`avatar avatar-${size} avatar-initials`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
