// What package.json contributes, read as data: the settings in ordered sections, the editor
// context menu's "Llama Review" submenu with the model commands, only in Python editors, and the
// chat participant and language model vendor the code registers.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../support/fixtures';

interface SettingSpec {
  order?: number;
  scope?: string;
}

interface ConfigurationSection {
  title: string;
  order?: number;
  properties: Record<string, SettingSpec>;
}

interface MenuItem {
  command?: string;
  submenu?: string;
  when?: string;
  group?: string;
}

const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8'));
const contributes = manifest.contributes as {
  commands: { command: string; title: string }[];
  chatParticipants: { id: string; name: string; commands: { name: string; description: string }[] }[];
  languageModelChatProviders: { vendor: string; displayName: string }[];
  menus: Record<string, MenuItem[]>;
  submenus: { id: string; label: string }[];
  configuration: ConfigurationSection[];
};

/** The commands that ask the local model; each works in Python files only. */
const modelCommands = ['llamaReview.explainFinding', 'llamaReview.fixWithModel', 'llamaReview.reviewSelection', 'llamaReview.reviewFunction', 'llamaReview.reviewFile', 'llamaReview.generateDocstring'];

describe('package.json', () => {
  describe('settings', () => {
    const sections = contributes.configuration;

    it('come in sections: rules and selection first, then review, then the model and its server', () => {
      assert.ok(Array.isArray(sections), 'contributes.configuration is not an array of sections');
      const ordered = [...sections].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
      assert.deepEqual(ordered.map((section) => section.title), ['Rules and selection', 'Review', 'Model', 'Model Server']);
      assert.deepEqual(ordered.map((section) => section.order), [1, 2, 3, 4]);
    });

    it('each have an order of their own within their section', () => {
      for (const section of sections) {
        const orders = Object.values(section.properties).map((spec) => spec.order);
        assert.deepEqual(orders, orders.map((_, index) => index + 1), `${section.title}: orders ${orders.join(', ')}`);
      }
    });

    it('put every model setting, and only those, in the Model section, and the server\'s in Model Server', () => {
      for (const section of sections) {
        for (const key of Object.keys(section.properties)) {
          assert.equal(section.title === 'Model', key.startsWith('llamaReview.model.'), `${key} is in "${section.title}"`);
          assert.equal(section.title === 'Model Server', key.startsWith('llamaReview.server.'), `${key} is in "${section.title}"`);
        }
      }
    });

    it('restrict the server\'s URL and headers in untrusted workspaces, and have no API key setting', () => {
      const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations as string[];
      for (const key of ['llamaReview.server.baseUrl', 'llamaReview.server.headers']) assert.ok(restricted.includes(key), key);
      const keys = sections.flatMap((section) => Object.keys(section.properties));
      assert.ok(!keys.some((key) => /^(api-?key|key|token|secret|password)$/i.test(key.split('.').at(-1)!)), 'an API key must never be a setting');
    });

    it('are each contributed once', () => {
      const keys = sections.flatMap((section) => Object.keys(section.properties));
      assert.equal(new Set(keys).size, keys.length);
      for (const key of ['llamaReview.enable', 'llamaReview.rules', 'llamaReview.codeActions.showSuppress', 'llamaReview.debounceMs', 'llamaReview.model.model']) assert.ok(keys.includes(key), key);
    });
  });

  describe('editor context menu', () => {
    const contextMenu = contributes.menus['editor/context'];
    const submenu = contributes.submenus.find((candidate) => candidate.label === 'Llama Review');

    it('has one "Llama Review" submenu, in a group, in Python editors only', () => {
      assert.ok(submenu, 'no submenu labelled "Llama Review"');
      const entries = contextMenu.filter((item) => item.submenu === submenu.id);
      assert.equal(entries.length, 1);
      assert.ok(entries[0].group, 'the submenu has no group');
      assert.equal(entries[0].when, 'editorLangId == python');
    });

    it('holds the model commands, each only in Python editors, and they are not in the menu itself', () => {
      const items = contributes.menus[submenu!.id];
      assert.deepEqual(items.map((item) => item.command).sort(), [...modelCommands].sort());
      const contributed = new Set(contributes.commands.map((command) => command.command));
      for (const item of items) {
        assert.ok(contributed.has(item.command!), `${item.command} is not a contributed command`);
        assert.match(item.when ?? '', /(^|&& )editorLangId == python( &&|$)/, `${item.command}: when "${item.when}"`);
        assert.match(item.group ?? '', /^\d_\w+@\d+$/, `${item.command}: group "${item.group}"`);
      }
      assert.match(items.find((item) => item.command === 'llamaReview.reviewSelection')!.when!, /editorHasSelection/);
      assert.deepEqual(contextMenu.filter((item) => item.command && modelCommands.includes(item.command)), []);
    });
  });

  it("offers the diff's Accept only on a proposal that is not rejected (the mark proposals.ts puts in its URI)", () => {
    const accept = contributes.menus['editor/title'].find((item) => item.command === 'llamaReview.acceptProposal');
    const proposals = readFileSync(join(repositoryRoot, 'src', 'editor', 'models', 'proposals.ts'), 'utf8');
    const mark = /acceptableMark = '([a-z-]+)'/.exec(proposals)?.[1];
    assert.ok(mark, 'proposals.ts names the mark');
    assert.equal(accept?.when, `resourceScheme == llama-review-proposal && resource =~ /${mark}/`);
  });

  describe("VS Code's chat", () => {
    const source = (file: string) => readFileSync(join(repositoryRoot, 'src', 'editor', 'chat', file), 'utf8');

    it('declares the participant the code creates, with the commands its handler answers', () => {
      assert.equal(contributes.chatParticipants.length, 1);
      const [participant] = contributes.chatParticipants;
      assert.equal(participant.id, /chatParticipantId = '([^']+)'/.exec(source('chatParticipant.ts'))?.[1]);
      assert.equal(participant.name, 'llama-review');
      const handled = [...source('chatParticipant.ts').matchAll(/case '([a-z]+)':/g)].map((match) => match[1]);
      assert.deepEqual(participant.commands.map((command) => command.name).sort(), handled.sort());
      for (const command of participant.commands) assert.ok(command.description.length > 0, `/${command.name} has no description`);
    });

    it('declares the language model vendor the code registers', () => {
      assert.deepEqual(contributes.languageModelChatProviders.map((provider) => provider.vendor), [/chatModelVendor = '([^']+)'/.exec(source('languageModelProvider.ts'))?.[1]]);
      assert.ok(contributes.languageModelChatProviders[0].displayName);
    });

    it('keeps the oldest VS Code it supports, whose API it detects rather than requires', () => {
      assert.equal(manifest.engines.vscode, '^1.90.0');
      assert.equal(manifest.devDependencies['@types/vscode'], '1.90.0');
    });
  });
});

