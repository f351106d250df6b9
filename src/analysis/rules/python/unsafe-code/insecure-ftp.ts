import { callsRule } from '../calls';
import { snippet } from '../syntax';

export const insecureFtp = callsRule(
  {
    id: 'insecure-ftp',
    title: 'FTP connection (unencrypted)',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 319,
    aliases: ['B321', 'S321'],
    why: 'Plain FTP sends the login and every file as clear text that anyone on the network path can read or alter.',
    doInstead: 'Use SFTP (paramiko, asyncssh) or FTP over TLS with ftplib.FTP_TLS, calling prot_p() so the data channel is encrypted too.',
    languages: ['python'],
  },
  // FTP_TLS is the encrypted variant and stays allowed.
  new Set(['ftplib.FTP']),
  (_name, call) => `\`${snippet(call)}\` sends the password and files unencrypted; use SFTP or ftplib.FTP_TLS.`,
);
