// Where the server is, in the words the user is shown, and whether code sent there stays on this
// machine: only a loopback address keeps it here (a LAN box or a tunnel does not).
import { isIP } from 'node:net';
import { ModelError } from '../errors';
import { addressHint } from './serverErrors';

/** 127.0.0.0/8, ::1 (also as an IPv4-mapped 127.x address) and the name `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) !== 6) return false;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  // URL writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
  return /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(host);
}

/** The base URL, or undefined when it is empty or not an http(s) URL. */
export function parseBaseUrl(baseUrl: string): URL | undefined {
  try {
    const url = new URL(baseUrl.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** `{baseUrl}/{path}`, keeping the base's own path (`/v1`, or a proxy's prefix). */
export function endpoint(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
  return url;
}

export function requireBaseUrl(baseUrl: string): URL {
  const url = parseBaseUrl(baseUrl);
  if (url) return url;
  const why = baseUrl.trim() ? `"${baseUrl}" is not an http:// or https:// URL` : 'no server URL is set';
  throw new ModelError('rejected', `The OpenAI-compatible server cannot be used: ${why}. Set ${addressHint}.`);
}
