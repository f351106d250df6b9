// The chat page. Renders what the extension sends; owns no conversation state of its own.
// Model output and code are untrusted: markdown-it runs with html:false (raw HTML stays text),
// DOMPurify sanitizes its output, links are made inert, and the page's CSP lets only this
// nonce'd bundle run and nothing load from outside.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import type { ChatAction, ChatActionId, ChatProbe, ChatSnapshot, ChatTurn, FromWebview, ToWebview } from '../../src/editor/chat/chatProtocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

const sanitizeOptions = {
  // Only what markdown produces; anything else (script, img, iframe, style, form...) is dropped.
  ALLOWED_TAGS: ['p', 'br', 'strong', 'em', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's', 'del'],
  ALLOWED_ATTR: ['class', 'start'],
  ALLOW_DATA_ATTR: false,
};

const elements = {
  messages: document.getElementById('messages') as HTMLElement,
  empty: document.getElementById('empty') as HTMLElement,
  privacy: document.getElementById('privacy') as HTMLElement,
  topic: document.getElementById('topic') as HTMLElement,
  form: document.getElementById('composer') as HTMLFormElement,
  question: document.getElementById('question') as HTMLTextAreaElement,
  send: document.getElementById('send') as HTMLButtonElement,
  stop: document.getElementById('stop') as HTMLButtonElement,
  newChat: document.getElementById('new-chat') as HTMLButtonElement,
};

const turns = new Map<number, { turn: ChatTurn; element: HTMLElement }>();
let busy = false;
/** Turns whose markdown changed since the last paint; repainting once a frame keeps long answers smooth. */
const dirty = new Set<number>();
let paintScheduled = false;

function render(text: string): DocumentFragment {
  const html = DOMPurify.sanitize(markdown.render(text), { ...sanitizeOptions, RETURN_DOM_FRAGMENT: true }) as DocumentFragment;
  // Links are shown, not followed: the text may come from a model or from the code under review.
  for (const link of Array.from(html.querySelectorAll('a'))) link.removeAttribute('href');
  for (const pre of Array.from(html.querySelectorAll('pre'))) decorateCodeBlock(pre);
  return html;
}

function decorateCodeBlock(pre: HTMLPreElement): void {
  const wrapper = document.createElement('div');
  wrapper.className = 'code-block';
  const bar = document.createElement('div');
  bar.className = 'code-actions';
  const code = () => pre.querySelector('code')?.textContent ?? pre.textContent ?? '';
  bar.append(
    button('Copy', 'Copy this code', () => vscode.postMessage({ type: 'copy', code: code() })),
    button('Insert', 'Insert this code at the cursor in the editor', () => vscode.postMessage({ type: 'insert', code: code() })),
  );
  pre.replaceWith(wrapper);
  wrapper.append(bar, pre);
}

function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.title = title;
  element.addEventListener('click', onClick);
  return element;
}

const roleLabels: Record<ChatTurn['role'], string> = { user: 'You', assistant: 'Llama Review' };

function turnElement(turn: ChatTurn): HTMLElement {
  const element = document.createElement('article');
  element.className = `turn ${turn.role}`;
  element.setAttribute('aria-label', roleLabels[turn.role]);
  const heading = document.createElement('div');
  heading.className = 'role';
  heading.textContent = roleLabels[turn.role];
  const body = document.createElement('div');
  body.className = 'body';
  const note = document.createElement('div');
  note.className = 'note';
  const actions = document.createElement('div');
  actions.className = 'turn-actions';
  element.append(heading, body, note, actions);
  return element;
}

/** The extension decides what an action does; the page only names which button was pressed. */
function actionButton(action: ChatAction): HTMLButtonElement {
  const element = button(action.label, action.title, () => vscode.postMessage({ type: 'action', action: action.id }));
  element.dataset.action = action.id;
  return element;
}

function paintTurn(id: number): void {
  const entry = turns.get(id);
  if (!entry) return;
  const { turn, element } = entry;
  element.classList.toggle('streaming', turn.state === 'streaming');
  element.classList.toggle('error', turn.state === 'error');
  const body = element.querySelector('.body') as HTMLElement;
  body.replaceChildren(render(turn.text || (turn.state === 'streaming' ? '…' : '')));
  (element.querySelector('.note') as HTMLElement).textContent = turn.note ?? '';
  (element.querySelector('.turn-actions') as HTMLElement).replaceChildren(...(turn.actions ?? []).map(actionButton));
}

function schedulePaint(id: number): void {
  dirty.add(id);
  if (paintScheduled) return;
  paintScheduled = true;
  requestAnimationFrame(() => {
    paintScheduled = false;
    const stickToBottom = elements.messages.scrollHeight - elements.messages.scrollTop - elements.messages.clientHeight < 40;
    for (const turnId of dirty) paintTurn(turnId);
    dirty.clear();
    if (stickToBottom) elements.messages.scrollTop = elements.messages.scrollHeight;
  });
}

function upsertTurn(turn: ChatTurn): void {
  const existing = turns.get(turn.id);
  if (existing) {
    existing.turn = turn;
  } else {
    const element = turnElement(turn);
    elements.messages.append(element);
    turns.set(turn.id, { turn, element });
  }
  elements.empty.hidden = true;
  schedulePaint(turn.id);
}

function showSnapshot(snapshot: ChatSnapshot): void {
  for (const { element } of turns.values()) element.remove();
  turns.clear();
  dirty.clear();
  elements.topic.textContent = snapshot.topic ?? '';
  elements.privacy.textContent = snapshot.privacy;
  elements.empty.hidden = snapshot.turns.length > 0;
  for (const turn of snapshot.turns) upsertTurn(turn);
  setBusy(snapshot.busy);
}

function setBusy(value: boolean): void {
  busy = value;
  elements.stop.hidden = !busy;
  elements.send.disabled = busy;
  elements.question.setAttribute('aria-busy', String(busy));
}

function probe(): ChatProbe {
  const rendered = elements.messages;
  const dangerous = rendered.querySelectorAll('script, iframe, object, embed, img, link, style, form, [onerror], [onload], [onclick], [href^="javascript"], [src]');
  return {
    turns: turns.size,
    codeBlocks: rendered.querySelectorAll('.code-block').length,
    dangerousElements: dangerous.length,
    payloadRan: (window as unknown as { llamaReviewPayloadRan?: boolean }).llamaReviewPayloadRan === true || document.title.includes('payload ran'),
    inputEnabled: !elements.question.disabled,
    stopVisible: !elements.stop.hidden,
    actions: Array.from(rendered.querySelectorAll<HTMLButtonElement>('.turn-actions button')).map((element) => element.dataset.action as ChatActionId),
    text: (rendered.textContent ?? '').slice(0, 20_000),
  };
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'snapshot':
      showSnapshot(message.snapshot);
      break;
    case 'turn':
      upsertTurn(message.turn);
      break;
    case 'append': {
      const entry = turns.get(message.turnId);
      if (entry) {
        entry.turn.text += message.text;
        schedulePaint(message.turnId);
      }
      break;
    }
    case 'busy':
      setBusy(message.busy);
      break;
    case 'focusInput':
      elements.question.focus();
      break;
    case 'probe':
      vscode.postMessage({ type: 'probeResult', requestId: message.requestId, probe: probe() });
      break;
    case 'press':
      if (message.control === 'send') {
        elements.question.value = message.text ?? '';
        elements.send.click();
      } else {
        (message.control === 'stop' ? elements.stop : elements.newChat).click();
      }
      break;
    case 'pressAction': {
      const buttons = elements.messages.querySelectorAll<HTMLButtonElement>(`.turn-actions button[data-action="${message.action}"]`);
      buttons[buttons.length - 1]?.click();
      break;
    }
  }
});

function send(): void {
  const text = elements.question.value.trim();
  if (!text || busy) return;
  vscode.postMessage({ type: 'ask', text });
  elements.question.value = '';
}

elements.form.addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});
elements.question.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send();
  } else if (event.key === 'Escape' && busy) {
    event.preventDefault();
    vscode.postMessage({ type: 'stop' });
  }
});
elements.stop.addEventListener('click', () => vscode.postMessage({ type: 'stop' }));
elements.newChat.addEventListener('click', () => {
  vscode.postMessage({ type: 'newChat' });
  elements.question.focus();
});

vscode.postMessage({ type: 'ready' });
