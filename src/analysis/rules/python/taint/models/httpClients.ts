// HTTP clients: the URL a server-side request goes to. Only a host chosen by the request is
// server-side request forgery; a fixed `https://host/` prefix keeps the request where it was meant.
import type { FrameworkModel, SinkModel } from '../../../../flow/models';

const verbs = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'stream'];

function urlSinks(prefix: string, urlPosition: (verb: string) => number): SinkModel[] {
  return [...verbs, 'request'].map((verb) => ({
    path: `${prefix}.${verb}`,
    kind: 'ssrf',
    args: [verb === 'request' ? 1 : urlPosition(verb)],
    keywords: ['url'],
    prefixSensitive: 'url' as const,
  }));
}

export const httpClientsModel: FrameworkModel = {
  name: 'http-clients',
  sinks: [
    ...urlSinks('requests', () => 0),
    ...urlSinks('requests.Session()', () => 0),
    ...urlSinks('requests.session()', () => 0),
    ...urlSinks('requests.sessions.Session()', () => 0),
    ...urlSinks('httpx', () => 0),
    ...urlSinks('httpx.Client()', () => 0),
    ...urlSinks('httpx.AsyncClient()', () => 0),
    ...urlSinks('aiohttp.ClientSession()', () => 0),
    ...['request', 'urlopen'].map((method) => ({ path: `urllib3.PoolManager().${method}`, kind: 'ssrf', args: [1], keywords: ['url'], prefixSensitive: 'url' as const })),
    { path: 'aiohttp.ClientSession().ws_connect', kind: 'ssrf', args: [0], keywords: ['url'], prefixSensitive: 'url' },
    { path: 'httpx.Client', kind: 'ssrf', args: [], keywords: ['base_url'], prefixSensitive: 'url' },
  ],
};
