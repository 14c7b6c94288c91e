import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Client } from './api/client';
import type { Role, UserInfo } from './api/types';

export interface Session {
  token: string;
  user: string;
  role: Role;
}

interface SessionContext {
  session: Session | null;
  client: Client;
  /** True when the signed-in role may change groups, policies, rules and import (not an auditor). */
  canWrite: boolean;
  /** True for enterprise_admin: clusters and users. */
  isAdmin: boolean;
  signIn(user: string, password: string): Promise<Session>;
  signOut(): void;
}

const KEY = 'breakwater.session';
const Ctx = createContext<SessionContext | null>(null);

export function roleOf(info: UserInfo): Role {
  const roles = info.roles_for_paths.flatMap((p) => p.roles.map((r) => r.role));
  for (const r of ['enterprise_admin', 'security_engineer', 'auditor'] as const) {
    if (roles.includes(r)) return r;
  }
  return 'auditor';
}

export function writeAllowed(role: Role | undefined) {
  return role === 'enterprise_admin' || role === 'security_engineer';
}

function stored(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(stored);
  const client = useMemo(() => new Client(session?.token ?? null), [session]);

  const signIn = useCallback(async (user: string, password: string) => {
    const { token } = await Client.signIn(user, password);
    const info = await new Client(token).userInfo();
    const s: Session = { token, user: info.user_name, role: roleOf(info) };
    sessionStorage.setItem(KEY, JSON.stringify(s));
    setSession(s);
    return s;
  }, []);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setSession(null);
  }, []);

  const value = useMemo<SessionContext>(() => ({
    session, client, signIn, signOut,
    canWrite: writeAllowed(session?.role),
    isAdmin: session?.role === 'enterprise_admin',
  }), [session, client, signIn, signOut]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
