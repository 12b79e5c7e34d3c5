/** Shared by the server's schemas and the forms' hints (a `.server` module is empty in the browser). */
export const PASSWORD_MIN_LENGTH = 10;
