// Response headers of every answer. Scripts run only with this response's nonce (Next.js reads it
// from the request's Content-Security-Policy header and puts it on its own scripts; scripts they
// load are trusted through 'strict-dynamic'). Styles allow inline attributes: React and the charts
// set style attributes, which nonces cannot cover.
import { randomBytes } from 'node:crypto';

export function newNonce() {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(nonce) {
  return {
    'Content-Security-Policy': contentSecurityPolicy(nonce),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
