import zlib from "node:zlib";
import type { Budget } from "./budget.server";
import { InspectLimitError } from "./budget.server";
import { PdfDict, PdfName, PdfSyntaxError, type PdfValue } from "./syntax.server";

function inflate(data: Buffer, budget: Budget): Buffer {
  const max = budget.left("inflated");
  let out: Buffer;
  try {
    out = zlib.inflateSync(data, { maxOutputLength: Math.max(1, max), finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new InspectLimitError("compressed streams inflate past the limit");
    throw new PdfSyntaxError("a compressed stream cannot be inflated");
  }
  budget.spend("inflated", out.length);
  return out;
}

/** PNG predictors (10–15), as cross-reference streams are written by Acrobat and most signing tools. */
function unpredict(data: Buffer, columns: number, colors: number, bits: number): Buffer {
  const bpp = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowLength = Math.ceil((columns * colors * bits) / 8);
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = Buffer.alloc(rows * rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)];
    const row = data.subarray(r * (rowLength + 1) + 1, (r + 1) * (rowLength + 1));
    const at = r * rowLength;
    for (let i = 0; i < rowLength; i++) {
      const left = i >= bpp ? out[at + i - bpp] : 0;
      const up = r > 0 ? out[at - rowLength + i] : 0;
      const upLeft = r > 0 && i >= bpp ? out[at - rowLength + i - bpp] : 0;
      let predicted = 0;
      if (type === 1) predicted = left;
      else if (type === 2) predicted = up;
      else if (type === 3) predicted = (left + up) >> 1;
      else if (type === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      out[at + i] = (row[i] + predicted) & 0xff;
    }
  }
  return out;
}

function numberIn(dict: PdfDict | null, key: string, fallback: number): number {
  const value = dict?.get(key);
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 1024 ? value : fallback;
}

/**
 * The decoded data of a stream the inspector must read (cross-reference and object streams):
 * unfiltered or FlateDecode, with or without a PNG predictor. Anything else is not read.
 */
export function decodeStream(dict: PdfDict, raw: Buffer, budget: Budget): Buffer {
  const filter = dict.get("Filter");
  const filters = (Array.isArray(filter) ? filter : filter === undefined || filter === null ? [] : [filter]) as PdfValue[];
  if (filters.length === 0) return raw;
  if (filters.length !== 1 || !(filters[0] instanceof PdfName) || filters[0].name !== "FlateDecode") throw new PdfSyntaxError("a cross-reference or object stream uses a filter the inspector does not read");
  const inflated = inflate(raw, budget);
  const parmsValue = dict.get("DecodeParms");
  const parms = Array.isArray(parmsValue) ? parmsValue[0] : parmsValue;
  const params = parms instanceof PdfDict ? parms : null;
  const predictor = numberIn(params, "Predictor", 1);
  if (predictor < 10) return inflated;
  return unpredict(inflated, numberIn(params, "Columns", 1), numberIn(params, "Colors", 1), numberIn(params, "BitsPerComponent", 8));
}
