// The messages between the chat view's webview and the extension. Plain data in both directions;
// the webview renders, the extension owns the conversation (so it survives the view being hidden).

export type TurnRole = 'user' | 'assistant';
/** streaming: tokens still arriving; stopped: the user pressed Stop; error: it failed (text says why). */
export type TurnState = 'streaming' | 'done' | 'stopped' | 'error';

export interface ChatTurn {
  id: number;
  role: TurnRole;
  /** Markdown. Model output and code are untrusted: the webview renders it without HTML and sanitizes it. */
  text: string;
  state: TurnState;
  /** A short line under the turn, e.g. "stopped" or the model id and timing. */
  note?: string;
  /** Buttons under the turn, e.g. the ways to get a model when none could answer. */
  actions?: ChatAction[];
}

/** What a button in the chat may ask the extension to do: a fixed list, so the page can name nothing else. */
export const chatActionIds = ['downloadRecommendedModel', 'chooseModel', 'useModelFile'] as const;
export type ChatActionId = (typeof chatActionIds)[number];

export interface ChatAction {
  id: ChatActionId;
  label: string;
  /** The button's tooltip: what pressing it does. */
  title: string;
}

export interface ChatSnapshot {
  turns: ChatTurn[];
  busy: boolean;
  /** What the conversation is about, shown above it. */
  topic?: string;
  /** Where answers come from and whether code leaves the machine (the provider in use). */
  privacy: string;
}

/** What the webview reports about its own document, for tests: did anything from the content run? */
export interface ChatProbe {
  turns: number;
  codeBlocks: number;
  /** Elements inside rendered messages that could run script or load something. */
  dangerousElements: number;
  /** Set by the payloads the tests plant, if one ever ran. */
  payloadRan: boolean;
  inputEnabled: boolean;
  stopVisible: boolean;
  /** The action buttons shown under the turns, in page order. */
  actions: ChatActionId[];
  /** The conversation's visible text (the first 20,000 characters). */
  text: string;
}

export type ToWebview =
  | { type: 'snapshot'; snapshot: ChatSnapshot }
  | { type: 'turn'; turn: ChatTurn }
  | { type: 'append'; turnId: number; text: string }
  | { type: 'busy'; busy: boolean }
  | { type: 'focusInput' }
  | { type: 'probe'; requestId: number }
  /** Tests only: the page clicks its own control, as a user would (typing `text` first for send). */
  | { type: 'press'; control: PageControl; text?: string }
  /** Tests only: the page clicks the last action button with this id. */
  | { type: 'pressAction'; action: ChatActionId };

export type PageControl = 'send' | 'stop' | 'newChat';

export type FromWebview =
  | { type: 'ready' }
  | { type: 'ask'; text: string }
  | { type: 'stop' }
  | { type: 'newChat' }
  | { type: 'copy'; code: string }
  | { type: 'insert'; code: string }
  | { type: 'action'; action: ChatActionId }
  | { type: 'probeResult'; requestId: number; probe: ChatProbe };

export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; text?: unknown; code?: unknown; requestId?: unknown; action?: unknown };
  switch (message.type) {
    case 'ready':
    case 'stop':
    case 'newChat':
      return true;
    case 'ask':
      return typeof message.text === 'string';
    case 'copy':
    case 'insert':
      return typeof message.code === 'string';
    case 'action':
      return (chatActionIds as readonly unknown[]).includes(message.action);
    case 'probeResult':
      return typeof message.requestId === 'number';
    default:
      return false;
  }
}
