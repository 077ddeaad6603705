import { userInfo } from 'node:os';

/** Who is editing: AXON_USER when set, else the login name (recorded with every edit). */
export function currentUser(): string {
  const fromEnv = process.env.AXON_USER?.trim();
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
