export type MessageTable = Record<string, { vi: string; en: string }>;
