// The standard library: local input (argv, input(), stdin, the environment when asked), network
// input (sockets), predictable randomness, and the sinks, sanitisers and propagators of os,
// subprocess, pickle, xml, logging, urllib and friends.
import type { FrameworkModel, SinkModel } from '../../../../flow/models';

const processFunctions = ['subprocess.Popen', 'subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output'];
const shellFunctions = [
  'os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'commands.getoutput', 'commands.getstatusoutput',
  'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell', 'pty.spawn',
];
const execFunctions = ['os.execl', 'os.execle', 'os.execlp', 'os.execlpe', 'os.execv', 'os.execve', 'os.execvp', 'os.execvpe', 'asyncio.create_subprocess_exec'];
const spawnFunctions = ['os.spawnl', 'os.spawnle', 'os.spawnlp', 'os.spawnlpe', 'os.spawnv', 'os.spawnve', 'os.spawnvp', 'os.spawnvpe'];

const fileFunctions: [string, number[], string[]][] = [
  ['open', [0], ['file']],
  ['io.open', [0], ['file']],
  ['codecs.open', [0], ['filename']],
  ['os.open', [0], ['path']],
  ['os.remove', [0], ['path']],
  ['os.unlink', [0], ['path']],
  ['os.rmdir', [0], ['path']],
  ['os.removedirs', [0], ['name']],
  ['os.rename', [0, 1], ['src', 'dst']],
  ['os.replace', [0, 1], ['src', 'dst']],
  ['os.mkdir', [0], ['path']],
  ['os.makedirs', [0], ['name']],
  ['os.listdir', [0], ['path']],
  ['os.scandir', [0], ['path']],
  ['os.chmod', [0], ['path']],
  ['os.chown', [0], ['path']],
  ['os.truncate', [0], ['path']],
  ['shutil.copy', [0, 1], ['src', 'dst']],
  ['shutil.copy2', [0, 1], ['src', 'dst']],
  ['shutil.copyfile', [0, 1], ['src', 'dst']],
  ['shutil.copytree', [0, 1], ['src', 'dst']],
  ['shutil.move', [0, 1], ['src', 'dst']],
  ['shutil.rmtree', [0], ['path']],
  ['fileinput.input', [0], ['files']],
];

const pathMethods = ['read_text', 'read_bytes', 'write_text', 'write_bytes', 'open', 'unlink', 'rmdir', 'touch', 'mkdir', 'iterdir', 'rename', 'replace'];

const logMethods = ['debug', 'info', 'warning', 'warn', 'error', 'critical', 'exception', 'log'];

/** Every argument counts, but those the message formats with `%r` or `%d` cannot break a line. */
function logSink(method: string): Pick<SinkModel, 'kind' | 'allArgs' | 'formatTemplate'> {
  return { kind: 'log-injection', allArgs: true, formatTemplate: method === 'log' ? 1 : 0 };
}

const randomFunctions = ['random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'uniform', 'getrandbits', 'randbytes', 'triangular', 'gauss', 'normalvariate', 'betavariate', 'expovariate'];

/** A file the local user names, a host they connect to, a line they write to their own log: no trust boundary is crossed. */
const localUserKinds = ['path-traversal', 'ssrf', 'log-injection'];

const quoteKinds = ['xss', 'sql-injection', 'command-injection', 'code-injection', 'ldap-injection', 'xpath-injection', 'header-injection', 'log-injection'];

const sinks: SinkModel[] = [
  ...['eval', 'exec', 'compile', 'builtins.eval', 'builtins.exec', 'builtins.compile'].map((path) => ({ path, kind: 'code-injection', args: [0], keywords: ['source'] })),
  ...shellFunctions.map((path) => ({ path, kind: 'command-injection', args: [0], keywords: ['cmd', 'command'] })),
  ...processFunctions.map((path) => ({ path, kind: 'command-injection', args: [0], keywords: ['args'], requires: { keyword: 'shell' } })),
  // Without a shell only the program itself is dangerous.
  ...processFunctions.map((path) => ({ path, kind: 'command-injection', args: [0], keywords: ['args'], programOnly: true })),
  ...execFunctions.map((path) => ({ path, kind: 'command-injection', args: [0], keywords: ['path', 'file', 'program'], programOnly: true })),
  ...spawnFunctions.map((path) => ({ path, kind: 'command-injection', args: [1], keywords: ['path', 'file'], programOnly: true })),
  ...fileFunctions.map(([path, args, keywords]) => ({ path, kind: 'path-traversal', args, keywords })),
  ...pathMethods.map((method) => ({ path: `pathlib.*().${method}`, kind: 'path-traversal', receiverData: true, args: method === 'rename' || method === 'replace' ? [0] : [] })),
  // Extracting an archive the request sent writes wherever its member names say ("zip slip").
  ...['tarfile.open().extractall', 'tarfile.open().extract', 'tarfile.TarFile().extractall', 'zipfile.ZipFile().extractall', 'zipfile.ZipFile().extract'].map((path) => ({
    path,
    kind: 'path-traversal',
    receiverData: true,
    args: [],
    label: `${path.split('.')[0]} ${path.split('.').pop()}()`,
  })),
  ...['pickle.loads', 'pickle.load', 'pickle.Unpickler', '_pickle.loads', 'cPickle.loads', 'cPickle.load', 'dill.loads', 'dill.load', 'marshal.loads', 'marshal.load', 'shelve.open', 'jsonpickle.decode', 'pandas.read_pickle', 'yaml.unsafe_load', 'yaml.unsafe_load_all'].map((path) => ({
    path,
    kind: 'unsafe-deserialization-of-input',
    args: [0],
  })),
  ...['yaml.load', 'yaml.load_all'].map((path) => ({
    path,
    kind: 'unsafe-deserialization-of-input',
    args: [0],
    keywords: ['stream'],
    unless: [{ keyword: 'Loader', position: 1, refs: ['yaml.SafeLoader', 'yaml.CSafeLoader', 'yaml.BaseLoader', 'yaml.loader.SafeLoader'] }],
  })),
  { path: 'numpy.load', kind: 'unsafe-deserialization-of-input', args: [0], requires: { keyword: 'allow_pickle' } },
  ...['urllib.request.urlopen', 'urllib.request.Request', 'urllib.request.urlretrieve', 'urllib2.urlopen', 'urllib2.Request', 'urllib.urlopen', 'urllib.urlretrieve', 'six.moves.urllib.request.urlopen'].map((path) => ({
    path,
    kind: 'ssrf',
    args: [0],
    keywords: ['url'],
    prefixSensitive: 'url' as const,
  })),
  ...['http.client.HTTPConnection', 'http.client.HTTPSConnection', 'httplib.HTTPConnection', 'httplib.HTTPSConnection', 'socket.create_connection', 'smtplib.SMTP', 'ftplib.FTP'].map((path) => ({
    path,
    kind: 'ssrf',
    args: [0],
    keywords: ['host', 'address'],
  })),
  ...['find', 'findall', 'findtext', 'iterfind'].map((method) => ({ path: `xml.etree.ElementTree.**.${method}`, kind: 'xpath-injection', args: [0], keywords: ['path'] })),
  ...['find', 'findall', 'findtext', 'iterfind'].map((method) => ({ path: `xml.etree.cElementTree.**.${method}`, kind: 'xpath-injection', args: [0], keywords: ['path'] })),
  ...logMethods.map((method) => ({ path: `logging.${method}`, ...logSink(method) })),
  ...logMethods.map((method) => ({ path: `logging.getLogger().${method}`, ...logSink(method) })),
  ...logMethods.map((method) => ({ method, receiver: /(?:^|\.)_*(?:log|logger|LOG|LOGGER|Log|Logger|logging|audit_log|app_log|access_log)$/, ...logSink(method) })),
  // Predictable values where a secret belongs: cookies, sessions, passwords, signing keys.
  { method: 'set_cookie', kind: 'weak-random-token', args: [1], keywords: ['value'] },
  { method: 'set_secure_cookie', kind: 'weak-random-token', args: [1], keywords: ['value'] },
  { method: 'set_password', kind: 'weak-random-token', args: [0], keywords: ['raw_password', 'password'] },
  { method: '__setitem__', receiver: /(?:^|\.)_*\w*session$/i, kind: 'weak-random-token', store: true },
  { path: 'hmac.new', kind: 'weak-random-token', args: [0], keywords: ['key'] },
  { method: '__setitem__', receiver: /(?:^|\.)_*\w*session$/i, kind: 'trust-boundary-violation', store: true },
];

/** Environment variables, when the option says they are input (see `environmentSources`). */
export const environmentModel: FrameworkModel = {
  name: 'environment',
  optIn: 'environment',
  mentions: /\benviron\b|\bgetenv\b/,
  sources: [
    { path: 'os.environ', local: true, optIn: 'environment', safeFor: localUserKinds },
    { path: 'os.getenv', call: true, local: true, optIn: 'environment', label: 'os.getenv()', safeFor: localUserKinds },
    { path: 'os.environb', local: true, optIn: 'environment', safeFor: localUserKinds },
  ],
};

/**
 * Predictable values of `random`. A function that draws one is worth analysing only in a file
 * that also sets a cookie, a session, a password or a key; elsewhere the values are followed
 * when a caller asks for them.
 */
export const randomnessModel: FrameworkModel = {
  name: 'randomness',
  appliesTo: /\brandom\b/,
  mentions: /\brandom\b/,
  mentionsOnlyWith: /set_(?:secure_)?cookie|session|set_password|hmac\.new/,
  sources: [
    ...randomFunctions.map((name) => ({ path: `random.${name}`, call: true, family: 'random' as const, label: `random.${name}()` })),
    ...randomFunctions.map((name) => ({ path: `random.Random().${name}`, call: true, family: 'random' as const, label: `Random().${name}()` })),
    ...['rand', 'randint', 'random', 'random_sample', 'choice', 'bytes', 'uniform', 'randn'].map((name) => ({ path: `numpy.random.${name}`, call: true, family: 'random' as const, label: `numpy.random.${name}()` })),
  ],
};

export const stdlibModel: FrameworkModel = {
  name: 'stdlib',
  mentions: /\bargv\b|\binput\s*\(|\bstdin\b|\.recv(?:from|msg)?\s*\(/,
  sources: [
    // The local user names files and writes log lines on purpose: neither crosses a trust boundary.
    { path: 'input', call: true, local: true, label: 'input()', safeFor: localUserKinds },
    { path: 'raw_input', call: true, local: true, label: 'raw_input()', safeFor: localUserKinds },
    { path: 'sys.argv', local: true, safeFor: localUserKinds },
    { path: 'sys.stdin', local: true, safeFor: localUserKinds },
    { path: 'fileinput.input', call: true, local: true, label: 'fileinput.input()', safeFor: localUserKinds },
    // Not recv_into(): it returns a byte count; the data goes into its buffer.
    ...['recv', 'recvfrom', 'recvmsg'].map((method) => ({ method, call: true, label: `socket ${method}()` })),
  ],
  sinks,
  sanitizers: [
    { path: 'shlex.quote', safeFor: ['command-injection'] },
    { path: 'pipes.quote', safeFor: ['command-injection'] },
    { path: 'shlex.join', safeFor: ['command-injection'] },
    { path: 'html.escape', safeFor: ['xss', 'xpath-injection', 'header-injection', 'log-injection'] },
    { path: 'cgi.escape', safeFor: ['xss'] },
    { path: 'xml.sax.saxutils.escape', safeFor: ['xss'] },
    { path: 'xml.sax.saxutils.quoteattr', safeFor: ['xss', 'xpath-injection'] },
    // A query string: every reserved character, `/` and `:` included, is percent-encoded.
    { path: 'urllib.parse.urlencode', safeFor: [...quoteKinds, 'open-redirect', 'ssrf'] },
    { path: 'mimetypes.guess_type', safeFor: 'all', converts: true },
    { path: 'urllib.parse.quote', safeFor: quoteKinds },
    { path: 'urllib.parse.quote_plus', safeFor: quoteKinds },
    { path: 'urllib.quote', safeFor: quoteKinds },
    { path: 'base64.b64encode', safeFor: quoteKinds },
    { path: 'base64.urlsafe_b64encode', safeFor: [...quoteKinds, 'path-traversal'] },
    { path: 'os.path.basename', safeFor: ['path-traversal'] },
    { path: 'posixpath.basename', safeFor: ['path-traversal'] },
    { path: 'ntpath.basename', safeFor: ['path-traversal'] },
    { path: 'repr', safeFor: ['log-injection', 'header-injection'] },
    { path: 'json.dumps', safeFor: ['log-injection', 'header-injection'] },
    { method: 'replace', safeFor: ['log-injection', 'header-injection'], firstArgument: ['\n', '\r', '\r\n'] },
    { path: 'uuid.UUID', safeFor: 'all', converts: true },
    { path: 'decimal.Decimal', safeFor: 'all', converts: true },
    { path: 'ipaddress.ip_address', safeFor: 'all', converts: true },
    { path: 'ipaddress.ip_network', safeFor: 'all', converts: true },
    { path: 'datetime.datetime.strptime', safeFor: 'all', converts: true },
    { path: 'datetime.datetime.fromisoformat', safeFor: 'all', converts: true },
    { path: 'datetime.date.fromisoformat', safeFor: 'all', converts: true },
    { path: 'hashlib.*().hexdigest', safeFor: 'all', converts: true },
    { path: 'hashlib.*().digest', safeFor: 'all', converts: true },
    { path: 'hmac.new().hexdigest', safeFor: 'all', converts: true },
    { path: 'hmac.new().digest', safeFor: 'all', converts: true },
    { path: 'hmac.compare_digest', safeFor: 'all', converts: true },
    { path: 'os.path.exists', safeFor: 'all', converts: true },
    { path: 'os.path.isfile', safeFor: 'all', converts: true },
    { path: 'os.path.isdir', safeFor: 'all', converts: true },
    { path: 'os.path.getsize', safeFor: 'all', converts: true },
    { path: 're.escape', safeFor: ['code-injection'] },
  ],
  propagators: [
    ...['gettext.gettext', 'gettext.ngettext'].map((path) => ({ path, returnsArgument: true })),
    ...['join', 'normpath', 'abspath', 'realpath', 'expanduser', 'dirname', 'splitext', 'split', 'relpath'].flatMap((name) => [{ path: `os.path.${name}` }, { path: `posixpath.${name}` }]),
    ...['urljoin', 'urlparse', 'urlsplit', 'urlunparse'].map((name) => ({ path: `urllib.parse.${name}` })),
    // Decoders: `%0a` or base64 becomes a line break, escaped text becomes markup again.
    ...['unquote', 'unquote_plus', 'unquote_to_bytes', 'parse_qs', 'parse_qsl'].map((name) => ({ path: `urllib.parse.${name}`, decodes: true })),
    ...['b64decode', 'urlsafe_b64decode', 'b32decode', 'b16decode', 'decodebytes', 'standard_b64decode'].map((name) => ({ path: `base64.${name}`, decodes: true })),
    ...['unhexlify', 'a2b_base64', 'a2b_hex'].map((name) => ({ path: `binascii.${name}`, decodes: true })),
    ...['json.loads', 'json.load', 'codecs.decode', 'html.unescape'].map((path) => ({ path, decodes: true })),
    { path: 'copy.copy' },
    { path: 'copy.deepcopy' },
    { path: 'bytes' },
    { path: 'bytearray' },
    { path: 'io.StringIO' },
    { path: 'io.BytesIO' },
    { path: 'string.Template' },
    { path: 'string.Template().substitute' },
    { path: 'string.Template().safe_substitute' },
    { path: 'textwrap.dedent' },
    { path: 'textwrap.shorten' },
    { path: 'pathlib.Path' },
    { path: 'pathlib.PurePath' },
    { path: 'pathlib.PosixPath' },
    { path: 'pathlib.Path().joinpath' },
    { path: 'shlex.split' },
  ],
  guards: [
    ...['isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isalpha', 'isidentifier'].map((method) => ({ method, safeFor: 'all' as const })),
  ],
  exits: ['sys.exit', 'exit', 'quit', 'os._exit', 'os.abort'],
};
