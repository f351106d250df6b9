// What the user is told about a server: its host and port, and whether code leaves the machine.
// Only a loopback address keeps it here; any other host, even one on the same network, is
// another machine as far as the code is concerned.
import { isIP } from 'node:net';
import type { ProviderDescription } from '../provider';
import type { ServerSettings } from '../settings';

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

export function describeServer(server: Pick<ServerSettings, 'baseUrl'>): ProviderDescription {
  let url: URL | undefined;
  try {
    url = new URL(server.baseUrl);
  } catch {
    url = undefined;
  }
  if (!url) return { kind: 'openai', label: 'OpenAI-compatible server (no valid URL set)', codeLeavesMachine: true };
  return { kind: 'openai', label: `OpenAI-compatible server at ${url.host}`, codeLeavesMachine: !isLoopback(url.hostname) };
}
