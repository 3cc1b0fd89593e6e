/**
 * The API key the dashboard sends, kept in sessionStorage only (it goes when the tab closes, and "Sign out" forgets
 * it at once), and the message the sign-in page shows when the service turned the key away.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

const STORAGE_KEY = 'crosswalk.apiKey';

export interface Session {
  apiKey: string | null;
  /** Why the last key was dropped (expired, revoked), shown by the sign-in page; null otherwise. */
  notice: string | null;
  signIn(apiKey: string): void;
  signOut(notice?: string): void;
}

const SessionContext = createContext<Session | null>(null);

export function readStoredKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [apiKey, setApiKey] = useState<string | null>(readStoredKey);
  const [notice, setNotice] = useState<string | null>(null);
  const signIn = useCallback((key: string) => {
    sessionStorage.setItem(STORAGE_KEY, key);
    setNotice(null);
    setApiKey(key);
  }, []);
  const signOut = useCallback((why?: string) => {
    sessionStorage.removeItem(STORAGE_KEY);
    setNotice(why ?? null);
    setApiKey(null);
  }, []);
  const session = useMemo(() => ({ apiKey, notice, signIn, signOut }), [apiKey, notice, signIn, signOut]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
