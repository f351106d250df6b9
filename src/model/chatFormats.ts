// The catalog's chat format -> a node-llama-cpp chat wrapper. Set explicitly because guessing from
// the file name or metadata picks the wrong layout for CodeLlama-Instruct (it needs Llama-2's
// `[INST]`). Formats without a built-in wrapper are written as templates from each model's card.
import type { ChatFormat } from './catalogSchema';
import type { ChatWrapper, LlamaModel, LlamaModule } from './llamaModule';

type TemplateOptions = ConstructorParameters<LlamaModule['TemplateChatWrapper']>[0];

const templates: Partial<Record<ChatFormat, TemplateOptions>> = {
  // Phi-3: <|user|> ... <|end|> <|assistant|> ... <|end|>
  phi3: {
    template: '{{history}}<|assistant|>\n{{completion}}<|end|>\n',
    historyTemplate: {
      system: '<|system|>\n{{message}}<|end|>\n',
      user: '<|user|>\n{{message}}<|end|>\n',
      model: '<|assistant|>\n{{message}}<|end|>\n',
    },
  },
  // Zephyr, as TinyLlama-1.1B-Chat uses it: <|user|> ... </s> <|assistant|> ... </s>
  zephyr: {
    template: '{{history}}<|assistant|>\n{{completion}}</s>\n',
    historyTemplate: {
      system: '<|system|>\n{{message}}</s>\n',
      user: '<|user|>\n{{message}}</s>\n',
      model: '<|assistant|>\n{{message}}</s>\n',
    },
  },
  // DeepSeek-Coder Instruct: ### Instruction: ... ### Response: ... <|EOT|>
  'deepseek-coder': {
    template: '{{history}}### Response:\n{{completion}}\n<|EOT|>\n',
    historyTemplate: {
      system: '{{message}}\n',
      user: '### Instruction:\n{{message}}\n',
      model: '### Response:\n{{message}}\n<|EOT|>\n',
    },
  },
};

export function createChatWrapper(format: ChatFormat, llamaCpp: LlamaModule, model: LlamaModel): ChatWrapper {
  switch (format) {
    case 'llama2':
      return new llamaCpp.Llama2ChatWrapper();
    case 'chatml':
      return new llamaCpp.ChatMLChatWrapper();
    case 'auto':
      return llamaCpp.resolveChatWrapper(model);
    default:
      return new llamaCpp.TemplateChatWrapper(templates[format]!);
  }
}
