import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router';
import { Spin } from 'antd';
import { api, call, hasSessionToken, login as apiLogin, setSessionToken, whenSessionLost, type Schemas } from '../api/client';

export type Role = 'BUYER' | 'MERCHANT' | 'OPERATOR' | 'REGULATOR';
export type Account = Schemas['AccountView'];

interface Session {
  account: Account | null;
  /** True while a session kept from before a reload is being checked with the service. */
  restoring: boolean;
  signIn(username: string, password: string): Promise<Account>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

/** Who is signed in. The token itself stays in the API client's memory (see api/client.ts). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [restoring, setRestoring] = useState(hasSessionToken);
  const queries = useQueryClient();

  const signOut = useCallback(() => {
    setSessionToken(null);
    setAccount(null);
    queries.clear();
  }, [queries]);

  useEffect(() => whenSessionLost(() => signOut()), [signOut]);

  // After a reload: the tab still holds a token; ask who it belongs to (an expired one signs the person out).
  useEffect(() => {
    if (!hasSessionToken()) return;
    let current = true;
    call(api.GET('/api/me'))
      .then((me) => { if (current) setAccount(me); })
      .catch(() => { if (current) setSessionToken(null); })
      .finally(() => { if (current) setRestoring(false); });
    return () => { current = false; };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await apiLogin(username, password);
    setSessionToken(answer.access_token);
    try {
      const me = await call(api.GET('/api/me'));
      setAccount(me);
      return me;
    } catch (e) {
      setSessionToken(null);
      throw e;
    }
  }, []);

  const value = useMemo(() => ({ account, restoring, signIn, signOut }), [account, restoring, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/**
 * A route only some roles may open. Signed out: to the sign-in page, back here afterwards. Wrong role: the
 * "not allowed" page. The API still checks every call; this only spares people a page of refusals.
 */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { account, restoring } = useSession();
  const location = useLocation();
  if (restoring) {
    return <Spin style={{ display: 'block', margin: 48 }} />;
  }
  if (!account) {
    return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  }
  if (!roles.includes(account.role as Role)) {
    return <Navigate to="/not-allowed" replace />;
  }
  return <>{children}</>;
}
