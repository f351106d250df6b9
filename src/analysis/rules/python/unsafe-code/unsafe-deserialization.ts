import { callsRule } from '../calls';

/** Pickle-based loaders: each can run any code the data asks for while loading it. */
const pickleLoaders = new Set([
  ...['pickle', 'cPickle', '_pickle', 'dill'].flatMap((module) => [`${module}.load`, `${module}.loads`, `${module}.Unpickler`]),
  'shelve.open',
  'shelve.DbfilenameShelf',
  'jsonpickle.decode',
  'jsonpickle.unpickler.decode',
  'pandas.read_pickle',
]);

export const unsafeDeserialization = callsRule(
  {
    id: 'unsafe-deserialization',
    title: 'Deserialization with pickle',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 502,
    aliases: ['B301', 'S301'],
    why: 'Loading pickle data (also through dill, shelve, jsonpickle or pandas.read_pickle) calls whatever functions the data names, so a crafted file or message runs code in your process.',
    doInstead: 'Exchange data as JSON, MessagePack or protobuf; if pickle must stay, load only data you produced yourself and verify an HMAC over it before loading.',
    languages: ['python'],
  },
  pickleLoaders,
  (name) => `\`${name}()\` can run code hidden in the data; load pickles only from a source you trust.`,
);
