import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { lastSegment, positionalArguments } from '../calls';
import { stringValue } from '../strings';
import { enclosingExpression } from '../syntax';

/** Names of settings, parameters and keys that hold an address to listen on. */
const addressName = /(?:^|_)(?:host|hostname|bind|addr|address|listen|interface|ip)s?(?:_|$)/i;
/** ...but not the address of the other side: `source_ip`, `remote_host`, `client_addr`. */
const peerName = /(?:^|_)(?:source|src|remote|client|peer|dest|destination|target|gateway)(?:_|$)/i;
/** Calls that take the address to listen on as a plain argument or inside an (address, port) tuple. */
const listenerCall = /^(?:bind|run|serve|listen|run_simple|run_app|make_server|create_server|start_server|\w*Server)$/;

/** The name that `value` is given to: an assignment target, a keyword, a parameter or a dict key. */
function receivingName(value: Node): string | undefined {
  let holder = enclosingExpression(value);
  // ALLOWED_HOSTS = ["0.0.0.0"]
  if (holder?.type === 'list' || holder?.type === 'tuple' || holder?.type === 'set') holder = enclosingExpression(holder);
  switch (holder?.type) {
    case 'assignment':
      return lastSegment(holder.childForFieldName('left') ?? undefined);
    case 'keyword_argument':
    case 'default_parameter':
    case 'typed_default_parameter':
      return holder.childForFieldName('name')?.text;
    case 'pair':
      return stringValue(holder.childForFieldName('key'));
    default:
      return undefined;
  }
}

/** Is `value` given to a listening call: `sock.bind(("0.0.0.0", 80))`, `run_simple("0.0.0.0", ...)`? */
function isListenerArgument(value: Node): boolean {
  // The address alone, or first in an (address, port) tuple.
  const tuple = enclosingExpression(value);
  const argument = tuple?.type === 'tuple' && tuple.firstNamedChild?.id === value.id ? tuple : value;
  const list = enclosingExpression(argument);
  if (list?.type !== 'argument_list') return false;
  return listenerCall.test(lastSegment(list.parent?.childForFieldName('function') ?? undefined) ?? '');
}

/** `os.environ.get("HOST", "0.0.0.0")`, `os.getenv("BIND_ADDR", "::")`: the default of an address setting. */
function isAddressDefault(value: Node): boolean {
  const list = enclosingExpression(value);
  if (list?.type !== 'argument_list') return false;
  const [key, fallback] = positionalArguments(list.parent!);
  const method = lastSegment(list.parent?.childForFieldName('function') ?? undefined);
  return fallback?.id === value.id && (method === 'get' || method === 'getenv') && addressName.test(stringValue(key) ?? '');
}

export const bindAllInterfaces: Rule = {
  meta: {
    id: 'bind-all-interfaces',
    title: 'Service bound to all network interfaces',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 605,
    aliases: ['B104', 'S104'],
    why: 'Listening on 0.0.0.0 (or :: for IPv6) accepts connections on every interface of the machine, public ones included, so a service meant for local or internal use becomes reachable from outside.',
    doInstead: 'Listen on 127.0.0.1 (or a specific internal address) by default and let configuration choose a wider address for deployments that need it.',
    languages: ['python'],
  },

  query: '(string (string_start) . (string_content) @address . (string_end) (#any-of? @address "0.0.0.0" "::")) @literal',

  check(match, context) {
    const literal = match.get('literal')!;
    const name = receivingName(literal);
    const given = (name && addressName.test(name) && !peerName.test(name)) || isListenerArgument(literal) || isAddressDefault(literal);
    if (!given) return;
    context.report({ node: literal, message: `${literal.text} listens on every network interface; bind to 127.0.0.1 or a configured address.` });
  },
};
