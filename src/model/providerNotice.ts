// The one sentence that says where answers come from and whether code leaves the machine: shown
// in the chat, the status bar's tooltip and the CLI's explain header, so all three tell the same truth.
import type { ProviderDescription } from './provider';

export function whereAnswersComeFrom(provider: ProviderDescription): string {
  if (provider.kind === 'local') return 'Answers come from the local model; nothing leaves this machine.';
  if (!provider.codeLeavesMachine) return `Answers come from the ${provider.label}, on this machine; nothing leaves it.`;
  return `Answers come from the ${provider.label}: the code you ask about is sent to that machine.`;
}
