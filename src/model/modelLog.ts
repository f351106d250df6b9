// One log callback shape for the model room, at the levels VS Code's log channel has. llama.cpp
// names its own levels; they are mapped here so its errors arrive as errors and its chatter as debug.
export type ModelLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type ModelLog = (level: ModelLogLevel, message: string) => void;

export function modelLogLevel(llamaLevel: string): ModelLogLevel {
  switch (llamaLevel) {
    case 'fatal':
    case 'error':
      return 'error';
    case 'warn':
      return 'warn';
    case 'info':
      return 'info';
    default:
      return 'debug';
  }
}
