// Who is signed in. Asked once at start (GET /auth/me); any 401 from the API later clears it so
// the router sends the user back to the sign-in page.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as api from '../api/endpoints.ts';
import { onUnauthenticated } from '../api/client.ts';
import type { User } from '../api/types.ts';

interface AuthValue {
  user: User | null;
  /** true until the first /auth/me answer */
  checking: boolean;
  signIn: (username: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
  /** the signed-in user as it is now (after a password change) */
  replaceUser: (user: User) => void;
  /** ask /auth/me again (after creating a campaign: the roles per campaign changed) */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(true);

  useEffect(() => {
    let live = true;
    api.me()
      .then((r) => live && setUser(r.user))
      .catch(() => live && setUser(null))
      .finally(() => live && setChecking(false));
    const off = onUnauthenticated(() => setUser(null));
    return () => {
      live = false;
      off();
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const r = await api.login(username, password);
    setUser(r.user);
    return r.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      // a fresh sign-in page, loaded anew: the next person at this computer starts afresh — not bound
      // for the page this user was on (no "from"), and with nothing of this user's left in memory
      window.location.replace('/login');
    }
  }, []);

  const refresh = useCallback(async () => {
    const r = await api.me();
    setUser(r.user);
  }, []);

  const value = useMemo(() => ({ user, checking, signIn, signOut, replaceUser: setUser, refresh }), [user, checking, signIn, signOut, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
