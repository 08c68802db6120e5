import { headers } from 'next/headers';

/**
 * This response's script nonce, which our own inline scripts carry to pass the Content-Security-
 * Policy: bin/security/gate.mjs puts the policy on the request too, for Next.js's scripts. Reading
 * request headers makes every page render per request (each one has a fresh nonce).
 */
export async function scriptNonce(): Promise<string | undefined> {
  const policy = (await headers()).get('content-security-policy') ?? '';
  return /'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(policy)?.[1];
}
