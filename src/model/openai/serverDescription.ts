// What the user is told about a server, from settings alone (nothing is started): its host and
// port, and whether code sent there leaves this machine (only a loopback address keeps it here).
import type { ProviderDescription } from '../provider';
import type { ServerSettings } from '../settings';
import { isLoopbackHost, parseBaseUrl } from './serverAddress';

export function describeServer(server: Pick<ServerSettings, 'baseUrl'>): ProviderDescription {
  const url = parseBaseUrl(server.baseUrl);
  if (!url) return { kind: 'openai', label: 'OpenAI-compatible server (no URL set)', codeLeavesMachine: true };
  return { kind: 'openai', label: `OpenAI-compatible server at ${url.host}`, codeLeavesMachine: !isLoopbackHost(url.hostname), host: url.host };
}
