import { createContext, useContext } from "react";

/** The CSP nonce travels from the HTTP layer to <Scripts> through this context. */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
