/** Column conventions every table shares (see db/schema.ts). */
import type { ColumnType } from "kysely";

export type Generated<T> = ColumnType<T, T | undefined, T>;
export type Flag = 0 | 1;
export type Locale = "vi" | "en";
