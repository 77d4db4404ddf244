import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, UNAUTHENTICATED_EVENT } from '../api/client.ts';
import type { User } from '../api/types.ts';

interface AuthState {
  /** undefined while the session is being checked; null when signed out. */
  readonly user: User | null | undefined;
  readonly setUser: (u: User | null) => void;
  readonly refresh: () => Promise<void>;
  readonly logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** `/api/auth/me` and the login answer may wrap the user in `{user}`. */
export function userOf(body: unknown): User | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as { user?: User } & Partial<User>;
  if (b.user) return b.user;
  return typeof b.username === 'string' ? (b as User) : null;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    // The CSRF cookie lives exactly as long as the session cookie: without it there is nothing to ask.
    if (!document.cookie.includes('fazhi_csrf=')) {
      setUser(null);
      return;
    }
    try {
      setUser(userOf(await api<unknown>('/api/auth/me')));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'password_change_required') return;
      setUser(null);
    }
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST', json: {} });
    } finally {
      setUser(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const signedOut = () => setUser(null);
    window.addEventListener(UNAUTHENTICATED_EVENT, signedOut);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, signedOut);
  }, [refresh]);

  const value = useMemo(() => ({ user, setUser, refresh, logout }), [user, refresh, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const c = useContext(AuthContext);
  if (!c) throw new Error('useAuth outside AuthProvider');
  return c;
}

/** The signed-in user; only for pages behind the login gate. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
