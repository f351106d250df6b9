// The packages that provide the same cryptography modules.

/** pycryptodome installs as `Crypto` or, side by side with the old PyCrypto, as `Cryptodome`. */
export const pycryptodomePackages = ['Crypto', 'Cryptodome'];
