/** Shared by the server check and the form's hint: a `.server` module would be empty in the browser. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 5;
