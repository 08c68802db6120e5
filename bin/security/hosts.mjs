// Which Host headers this server answers: a page on another name that resolves to us (DNS
// rebinding) must not read anything, so only the names an operator meant are served.
import net from 'node:net';
import os from 'node:os';

const bare = (host) => host.replace(/^\[(.*)\]$/, '$1').toLowerCase();

/** Whether a listen address (HOST) only accepts connections from this machine. */
export function isLoopback(host) {
  const h = bare(host);
  if (h === 'localhost') return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || h.startsWith('::ffff:127.');
  return false;
}

const isWildcard = (host) => ['0.0.0.0', '::', ''].includes(bare(host));

/**
 * The host names (no port) requests may carry: the bound address (every interface's address when
 * bound to all of them), `localhost`, and `STOCKCAST_ALLOWED_HOSTS` (comma- or space-separated).
 */
export function knownHostNames(bindHost, allowed = '') {
  const names = new Set(['localhost', bare(bindHost)]);
  if (isLoopback(bindHost)) for (const h of ['127.0.0.1', '::1']) names.add(h);
  if (isWildcard(bindHost)) {
    for (const list of Object.values(os.networkInterfaces())) {
      for (const a of list ?? []) names.add(a.address.replace(/%.*$/, '').toLowerCase());
    }
  }
  for (const entry of allowed.split(/[\s,]+/)) {
    const name = entry ? hostName(entry) : null;
    if (name) names.add(name);
  }
  return names;
}

/** The host name of a Host header (`name`, `name:port`, `[v6]:port`), lower case; null when malformed. */
export function hostName(header) {
  const value = header.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s/@]+)(:\d{1,5})?$/.exec(value);
  if (!m) return null;
  return bare(m[1]).replace(/\.$/, '');
}
