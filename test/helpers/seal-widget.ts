import { execFileSync } from "node:child_process";

type QpdfValue = Record<string, unknown>;

/** Objects as qpdf reads them (an independent parser), keyed "obj:N 0 R" and "trailer". */
function qpdfObjects(file: string, refs: string[]): Record<string, { value?: QpdfValue; stream?: { dict: QpdfValue } }> {
  const out = JSON.parse(execFileSync("qpdf", ["--json=2", "--json-key=qpdf", ...refs.map((r) => `--json-object=${r}`), file], { encoding: "utf8" }));
  return out.qpdf[1];
}

export type SealField = {
  name: string;
  /** The page whose /Annots holds the widget, from 1. */
  page: number;
  rect: number[];
  /** The /AP /N appearance: a Form XObject's stream dictionary. */
  appearance: QpdfValue | null;
  signature: QpdfValue;
};

/** The signature fields of a PDF with their widgets, as qpdf finds them through the AcroForm and the pages' /Annots. */
export function signatureFields(file: string): { fields: SealField[]; sigFlags: unknown } {
  const form = JSON.parse(execFileSync("qpdf", ["--json=2", "--json-key=acroform", file], { encoding: "utf8" })).acroform;
  const fields = (form.fields as { fieldtype: string; fullname: string; object: string; pageposfrom1: number; value: string }[]).filter((f) => f.fieldtype === "/Sig");
  const objects = qpdfObjects(file, [...fields.flatMap((f) => [f.object, f.value]), "trailer"]);
  const root = qpdfObjects(file, [String((objects.trailer.value as QpdfValue)["/Root"])]);
  const acroForm = (Object.values(root)[0].value as QpdfValue)["/AcroForm"] as string;
  const formDict = Object.values(qpdfObjects(file, [acroForm]))[0].value as QpdfValue;
  return {
    sigFlags: formDict["/SigFlags"],
    fields: fields.map((f) => {
      const widget = objects[`obj:${f.object}`].value!;
      const normal = (widget["/AP"] as QpdfValue | undefined)?.["/N"] as string | undefined;
      return {
        name: f.fullname,
        page: f.pageposfrom1,
        rect: widget["/Rect"] as number[],
        appearance: normal ? (Object.values(qpdfObjects(file, [normal]))[0].stream?.dict ?? null) : null,
        signature: objects[`obj:${f.value}`].value!,
      };
    }),
  };
}

/** "D:20261202003453Z" as qpdf gives /M, in Viet Nam's time as the seal prints it. */
export function sealTimeOf(signature: QpdfValue): string {
  const m = /D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z/.exec(String(signature["/M"]))!;
  const vietnam = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + 7 * 3600_000).toISOString();
  return `${vietnam.slice(8, 10)}/${vietnam.slice(5, 7)}/${vietnam.slice(0, 4)} ${vietnam.slice(11, 19)} (UTC+7)`;
}

/** The share of dark pixels inside a rectangle (PDF points) of a page rendered by poppler at 100 dpi. */
export function darkShare(file: string, page: number, rect: number[], pageHeight: number): number {
  const scale = 100 / 72;
  const [x, y, w, h] = [rect[0] * scale, (pageHeight - rect[3]) * scale, (rect[2] - rect[0]) * scale, (rect[3] - rect[1]) * scale].map(Math.round);
  const pgm = execFileSync("pdftoppm", ["-r", "100", "-gray", "-f", String(page), "-l", String(page), "-x", String(x), "-y", String(y), "-W", String(w), "-H", String(h), file]);
  const [, width, height] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString("latin1"))!.map(Number);
  const pixels = pgm.subarray(pgm.length - width * height);
  return pixels.filter((v) => v < 128).length / pixels.length;
}
