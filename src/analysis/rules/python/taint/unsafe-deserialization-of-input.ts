import { taintRule } from './taintRule';

export const unsafeDeserializationOfInput = taintRule(
  {
    id: 'unsafe-deserialization-of-input',
    title: 'Deserialization of untrusted data',
    severity: 'error',
    confidence: 'high',
    cwe: 502,
    why: 'Bytes from the request are unpickled (pickle, marshal, shelve, jsonpickle, yaml.load with a full loader): such formats can name any callable to run while loading, so the sender runs code in this process.',
    doInstead: 'Accept JSON (json.loads) or yaml.safe_load() and validate the result; if objects must travel, sign them (hmac) and verify the signature before loading.',
  },
  ['unsafe-deserialization', 'marshal-deserialization', 'yaml-load-unsafe'],
);
