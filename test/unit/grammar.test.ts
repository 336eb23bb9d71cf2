/**
 * Scope tests for the TextMate injection grammar (syntaxes/ai-clauses.injection.tmLanguage.json).
 *
 * The grammar is loaded with vscode-textmate and the Oniguruma WebAssembly build that VS Code itself uses, and is
 * injected into a small stand-in Markdown grammar (scope `text.html.markdown`) defined below, which has the
 * constructs the injection selector must respect: fenced code, inline code, HTML comments, headings and bold.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../', import.meta.url));
const grammarPath = `${root}syntaxes/ai-clauses.injection.tmLanguage.json`;
const injection = JSON.parse(readFileSync(grammarPath, 'utf8'));

const OURS = '.ai-clauses';
const DEFINED = 'entity.name.type.defined-term.ai-clauses';
const PLACEHOLDER = 'invalid.illegal.placeholder.ai-clauses';
const XREF = 'markup.underline.link.cross-reference.ai-clauses';
const OBLIGATION = 'keyword.other.obligation.ai-clauses';
const DIRECTIVE = 'comment.block.directive.ai-clauses';

/** A minimal Markdown grammar standing in for VS Code's built-in one. */
const markdownStandIn = {
  scopeName: 'text.html.markdown',
  name: 'Markdown (test stand-in)',
  patterns: [{ include: '#fenced-code' }, { include: '#html-comment' }, { include: '#heading' }, { include: '#inline' }],
  repository: {
    'fenced-code': {
      begin: '^[ ]{0,3}(`{3,}|~{3,})[^`\\n]*$',
      end: '^[ ]{0,3}\\1[ \\t]*$',
      name: 'markup.fenced_code.block.markdown',
    },
    'html-comment': { begin: '<!--', end: '-->', name: 'comment.block.html' },
    heading: {
      begin: '^(#{1,6})[ \\t]+',
      end: '$',
      name: 'markup.heading.markdown',
      beginCaptures: { 1: { name: 'punctuation.definition.heading.markdown' } },
      patterns: [{ include: '#inline' }],
    },
    inline: {
      patterns: [
        { match: '(`+)[^`]+?\\1', name: 'markup.inline.raw.string.markdown' },
        { begin: '\\*\\*(?=\\S)', end: '\\*\\*', name: 'markup.bold.markdown', patterns: [{ include: '#inline-code' }] },
      ],
    },
    'inline-code': { match: '(`+)[^`]+?\\1', name: 'markup.inline.raw.string.markdown' },
  },
};

interface Tok {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

let grammar: vsctm.IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'text.html.markdown') return vsctm.parseRawGrammar(JSON.stringify(markdownStandIn), 'markdown.json');
      if (scopeName === 'markdown.ai-clauses.injection') return vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath);
      return null;
    },
    getInjections: (scopeName: string) => (scopeName === 'text.html.markdown' ? ['markdown.ai-clauses.injection'] : undefined),
  });
  const g = await registry.loadGrammar('text.html.markdown');
  assert.ok(g, 'the stand-in Markdown grammar loads');
  grammar = g;
});

/** Tokenizes a document (lines separated by \n); returns the tokens of each line. */
function tokenize(doc: string): { line: string; tokens: Tok[] }[] {
  let state = vsctm.INITIAL;
  return doc.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    const tokens = r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: Math.min(t.endIndex, line.length), scopes: t.scopes }));
    return { line, tokens };
  });
}

function scopesAt(tokens: Tok[], offset: number): string[] {
  const t = tokens.find((tok) => tok.start <= offset && offset < tok.end);
  return t ? t.scopes : [];
}

function describeLine(tokens: Tok[]): string {
  return tokens.map((t) => `  ${JSON.stringify(t.text)} ${t.scopes.filter((s) => s !== 'text.html.markdown').join(' ')}`).join('\n');
}

/**
 * Asserts that `fragment` (its `occurrence`-th appearance in the line) carries `scope` on every character, and that
 * the characters right before and after it do not (so the scope has exactly that extent).
 */
function assertScope(line: string, fragment: string, scope: string, occurrence = 0): void {
  const { tokens } = tokenize(line)[0]!;
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = line.indexOf(fragment, at + 1);
  assert.ok(at >= 0, `fragment ${JSON.stringify(fragment)} is in ${JSON.stringify(line)}`);
  for (let i = at; i < at + fragment.length; i++) {
    assert.ok(scopesAt(tokens, i).includes(scope), `${JSON.stringify(fragment)} should be ${scope} in ${JSON.stringify(line)}; tokens:\n${describeLine(tokens)}`);
  }
  if (at > 0) assert.ok(!scopesAt(tokens, at - 1).includes(scope), `${scope} starts before ${JSON.stringify(fragment)} in ${JSON.stringify(line)}:\n${describeLine(tokens)}`);
  const after = at + fragment.length;
  if (after < line.length) assert.ok(!scopesAt(tokens, after).includes(scope), `${scope} runs past ${JSON.stringify(fragment)} in ${JSON.stringify(line)}:\n${describeLine(tokens)}`);
}

/** Asserts that every character of `fragment` carries `scope` (which may extend further). */
function assertWithin(line: string, fragment: string, scope: string): void {
  const { tokens } = tokenize(line)[0]!;
  const at = line.indexOf(fragment);
  assert.ok(at >= 0, `fragment ${JSON.stringify(fragment)} is in ${JSON.stringify(line)}`);
  for (let i = at; i < at + fragment.length; i++) {
    assert.ok(scopesAt(tokens, i).includes(scope), `${JSON.stringify(fragment)} should be within ${scope} in ${JSON.stringify(line)}:\n${describeLine(tokens)}`);
  }
}

/** Asserts that no character of the line carries `scope` (or any ai-clauses scope when omitted). */
function assertNone(line: string, scope?: string): void {
  const { tokens } = tokenize(line)[0]!;
  for (const t of tokens) {
    const hit = t.scopes.find((s) => (scope ? s === scope : s.endsWith(OURS)));
    assert.equal(hit, undefined, `${JSON.stringify(t.text)} in ${JSON.stringify(line)} should not be ${scope ?? 'scoped by the injection'}:\n${describeLine(tokens)}`);
  }
}

describe('grammar file', () => {
  test('has the scope name and injection selector the extension contributes', () => {
    assert.equal(injection.scopeName, 'markdown.ai-clauses.injection');
    assert.equal(injection.injectionSelector, 'L:text.html.markdown -markup.fenced_code -markup.inline.raw -comment');
  });

  test('every regular expression compiles in Oniguruma', () => {
    const sources: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if ((k === 'match' || k === 'begin' || k === 'end' || k === 'while') && typeof v === 'string') sources.push(v);
          else walk(v);
        }
      }
    };
    walk(injection);
    assert.ok(sources.length >= 15, `found ${sources.length} patterns`);
    for (const src of sources) {
      assert.doesNotThrow(() => new oniguruma.OnigScanner([src]).dispose(), `pattern compiles: ${src}`);
    }
  });
});

describe('defined terms where they are defined', () => {
  test('parenthetical with bold inside curly quotes: (“**Term**”)', () => {
    const line = 'Northwind Analytics Ltd (“**Provider**”) and Contoso plc (“**Customer**”).';
    assertScope(line, 'Provider', DEFINED);
    assertScope(line, 'Customer', DEFINED);
    assertScope(line, '**Provider**', 'markup.bold.markdown');
  });

  test('parenthetical with lead words and straight quotes', () => {
    assertScope('the software described in the Order (the "AI System").', 'AI System', DEFINED);
    assertScope('Contoso plc (together with its Affiliates, "Customer")', 'Customer', DEFINED);
    assertScope('Acme Inc. (hereinafter referred to as "Licensor")', 'Licensor', DEFINED);
    assertScope('Acme Inc. (**"Licensor"**)', 'Licensor', DEFINED);
  });

  test('**"Term"** means', () => {
    const line = '**"Output"** means any content the AI System generates.';
    assertScope(line, 'Output', DEFINED);
    assertScope(line, '**"Output"**', 'markup.bold.markdown');
    assertNone(line, OBLIGATION);
  });

  test('“Term” means and "Term" means, also inside list items', () => {
    assertScope('“Customer Data” means data that Customer submits.', 'Customer Data', DEFINED);
    assertScope('"Input" means any prompt.', 'Input', DEFINED);
    assertScope('1. "AI System" shall mean the model.', 'AI System', DEFINED);
    assertScope('- "Documentation" has the meaning given in Section 2.', 'Documentation', DEFINED);
    assertScope('"**Fine-Tuned Model**" means a model.', 'Fine-Tuned Model', DEFINED);
    assertScope('**Output** means any content.', 'Output', DEFINED);
  });

  test('a quoted term that is used, not defined, is not scoped', () => {
    assertNone('Customer may use the "Output" for any purpose.', DEFINED);
    assertNone('(see "Acceptable Use Policy")', DEFINED);
    assertNone('the text "as is" applies', DEFINED);
  });
});

describe('placeholders', () => {
  const cases: [string, string][] = [
    ['The Fees are [●] per month.', '[●]'],
    ['The Fees are [•] per month.', '[•]'],
    ['Effective Date: [TBD].', '[TBD]'],
    ['Effective Date: TBD.', 'TBD'],
    ['[Licensor] shall deliver the Model.', '[Licensor]'],
    ['signed on [insert date of signature] by', '[insert date of signature]'],
    ['within [[30]] calendar days', '[[30]]'],
    ['Fees of EUR [XX] per month', '[XX]'],
    ['signed by [Party B] on [date]', '[Party B]'],
    ['signed by [Party B] on [date]', '[date]'],
    ['Name: [COMPANY NAME]', '[COMPANY NAME]'],
    ['By: ____________', '____________'],
  ];
  for (const [line, fragment] of cases) {
    test(`${fragment} in ${JSON.stringify(line)}`, () => assertScope(line, fragment, PLACEHOLDER));
  }

  test('links, reference links, task lists, footnotes and words are not placeholders', () => {
    assertNone('See the [Customer](https://example.com) page.', PLACEHOLDER);
    assertNone('See [Licensor][1] and [1]: https://example.com', PLACEHOLDER);
    assertNone('[Licensor]: https://example.com', PLACEHOLDER);
    assertNone('- [ ] open item', PLACEHOLDER);
    assertNone('- [x] done', PLACEHOLDER);
    assertNone('a footnote[^1] here', PLACEHOLDER);
    assertNone('the TBDs list and STBD', PLACEHOLDER);
    assertNone('a snake_case_name and ___bold italic___', PLACEHOLDER);
    assertNone('as defined in [RFC] 2119 and [5] below', PLACEHOLDER);
  });

  test('a line of underscores is a thematic break, not a placeholder', () => {
    assertNone('______', PLACEHOLDER);
    assertNone('_ _ _ _', PLACEHOLDER);
    assertScope('____', '____', 'meta.separator.markdown');
  });
});

describe('cross-references', () => {
  const cases: [string, string][] = [
    ['as set out in Section 4.2, the Provider', 'Section 4.2'],
    ['subject to Clause 7.', 'Clause 7'],
    ['under Article 3 of this Agreement', 'Article 3'],
    ['the Fees in Schedule 2 apply', 'Schedule 2'],
    ['as described in Section 6.3 (Service Credits), Customer', 'Section 6.3 (Service Credits)'],
    ['under Section 12.3(a)(ii) and', 'Section 12.3(a)(ii)'],
    ['see Exhibit B for details', 'Exhibit B'],
    ['under clause 9 the parties', 'clause 9'],
    ['pursuant to § 5 of the DPA', '§ 5'],
  ];
  for (const [line, fragment] of cases) {
    test(`${fragment} in ${JSON.stringify(line)}`, () => assertScope(line, fragment, XREF));
  }

  test('the title in parentheses has its own scope', () => {
    assertScope('see Section 6.3 (Service Credits).', 'Service Credits', 'string.other.cross-reference-title.ai-clauses');
    assertScope('see Section 6.3 (Service Credits).', '6.3', 'constant.numeric.cross-reference.ai-clauses');
  });

  test('a lower-case parenthesis is not a title, and bare words are not references', () => {
    assertScope('see Section 6.3 (as amended).', 'Section 6.3', XREF);
    assertNone('this Section applies to every clause of the Agreement', XREF);
    assertNone('the subsection 4 and crosssection 5', XREF);
  });
});

describe('obligation words', () => {
  test('shall, shall not, will, must and may as whole words', () => {
    const line = 'Provider shall deliver; Customer shall not copy; Provider will notify; Customer must pay; Customer may terminate.';
    assertScope(line, 'shall', OBLIGATION);
    assertScope(line, 'shall not', OBLIGATION);
    assertScope(line, 'will', OBLIGATION);
    assertScope(line, 'must', OBLIGATION);
    assertScope(line, 'may', OBLIGATION);
  });

  test('not inside other words', () => {
    assertNone('a shallow mayor was willing, dismayed and mustard-coloured', OBLIGATION);
    assertNone('will-call and may-be are compounds', OBLIGATION);
  });

  test('in headings and bold text too', () => {
    assertScope('## 5. What Provider shall do', 'shall', OBLIGATION);
    assertScope('**Provider shall** deliver', 'shall', OBLIGATION);
  });
});

describe('directives', () => {
  test('suppression comments are directives with keyword and rule ids', () => {
    const line = '<!-- ai-clauses-disable-next-line vague-time and-or -->';
    assertScope(line, line, DIRECTIVE);
    assertScope(line, 'ai-clauses-disable-next-line', 'keyword.control.directive.ai-clauses');
    assertScope(line, 'vague-time', 'constant.other.rule-id.ai-clauses');
    assertScope(line, 'and-or', 'constant.other.rule-id.ai-clauses');
    assertNone(line, 'comment.block.html');
  });

  test('every directive keyword', () => {
    for (const kw of ['ai-clauses-disable', 'ai-clauses-enable', 'ai-clauses-disable-line', 'ai-clauses-disable-next-line', 'ai-clauses-disable-file', 'ai-clauses-enable-file']) {
      const line = `text <!-- ${kw} placeholder-left --> more`;
      assertScope(line, `<!-- ${kw} placeholder-left -->`, DIRECTIVE);
      assertScope(line, kw, 'keyword.control.directive.ai-clauses');
    }
  });

  test('rule ids may be comma-separated and name a clause (rule:clause)', () => {
    const line = '<!-- ai-clauses-disable-file missing-clause:output-ownership, and-or -->';
    assertScope(line, 'missing-clause:output-ownership', 'constant.other.rule-id.ai-clauses');
    assertScope(line, 'and-or', 'constant.other.rule-id.ai-clauses');
  });

  test('a multi-line directive ends at -->', () => {
    const lines = tokenize('<!-- ai-clauses-disable\n  vague-time\n-->\nProvider shall pay.');
    assert.ok(lines[1]!.tokens.some((t) => t.text === 'vague-time' && t.scopes.includes('constant.other.rule-id.ai-clauses')), describeLine(lines[1]!.tokens));
    assert.ok(scopesAt(lines[3]!.tokens, 'Provider '.length).includes(OBLIGATION), describeLine(lines[3]!.tokens));
    assert.ok(!lines[3]!.tokens.some((t) => t.scopes.includes(DIRECTIVE)));
  });

  test('nothing inside a directive or an ordinary HTML comment gets an injected scope', () => {
    assertNone('<!-- ai-clauses-disable-file shall-misuse -->', OBLIGATION);
    assertNone('<!-- note: Provider shall fix [TBD] in Section 4 -->');
    assertWithin('<!-- note: Provider shall fix -->', 'shall', 'comment.block.html');
    assertNone('<!-- markdownlint-disable MD013 -->', DIRECTIVE);
  });
});

describe('code is left alone', () => {
  test('nothing is scoped inside fenced code, including its fences', () => {
    const doc = [
      'Provider shall deliver the Model.',
      '```markdown',
      '"Output" means any content. Provider shall pay [●] within [[30]] days; see Section 4.2 (Fees).',
      '(the "AI System") TBD ____ [Licensor] must may will',
      '<!-- ai-clauses-disable-next-line vague-time -->',
      '```',
      'Customer will pay.',
      '~~~',
      'Provider shall deliver TBD.',
      '~~~',
    ].join('\n');
    const lines = tokenize(doc);
    for (const i of [1, 2, 3, 4, 5, 7, 8, 9]) {
      const { line, tokens } = lines[i]!;
      assert.ok(tokens.every((t) => t.scopes.includes('markup.fenced_code.block.markdown')), `line ${i} is fenced code:\n${describeLine(tokens)}`);
      const hit = tokens.find((t) => t.scopes.some((s) => s.endsWith(OURS)));
      assert.equal(hit, undefined, `line ${i} ${JSON.stringify(line)} has an injected scope:\n${describeLine(tokens)}`);
    }
    // Outside the fences the injection applies again (so the test above is not vacuous).
    assert.ok(scopesAt(lines[0]!.tokens, 'Provider '.length).includes(OBLIGATION), describeLine(lines[0]!.tokens));
    assert.ok(scopesAt(lines[6]!.tokens, 'Customer '.length).includes(OBLIGATION), describeLine(lines[6]!.tokens));
  });

  test('nothing is scoped inside inline code', () => {
    const line = 'Write `Provider shall pay [●] per Section 4` here, and Provider shall sign.';
    const { tokens } = tokenize(line)[0]!;
    const start = line.indexOf('`');
    const end = line.indexOf('`', start + 1) + 1;
    for (let i = start; i < end; i++) {
      const scopes = scopesAt(tokens, i);
      assert.ok(scopes.includes('markup.inline.raw.string.markdown'), `offset ${i} is inline code`);
      assert.ok(!scopes.some((s) => s.endsWith(OURS)), `offset ${i} has an injected scope:\n${describeLine(tokens)}`);
    }
    assertScope(line, 'shall', OBLIGATION, 1);
  });
});

describe('pathological input', () => {
  // Lines built to make a backtracking pattern explode: each must tokenize (a hang would stop the test run).
  const n = 5000;
  const lines = [
    '"' + 'Abc '.repeat(n),
    '(' + 'the '.repeat(n) + '"Term',
    '**"' + 'A'.repeat(n) + '" mean',
    '[' + 'A '.repeat(n),
    '[[' + '['.repeat(n),
    '_'.repeat(n) + 'x',
    'Section ' + '1.'.repeat(n),
    'Section 1 (' + 'A'.repeat(n),
    '<!-- ai-clauses-disable ' + 'a-'.repeat(n),
    'shall '.repeat(n),
    'x'.repeat(n * 4),
  ];
  for (const line of lines) {
    test(`tokenizes ${JSON.stringify(line.slice(0, 24))}… (${line.length} chars)`, { timeout: 20_000 }, () => {
      const { tokens } = tokenize(line)[0]!;
      assert.ok(tokens.length > 0);
      assert.equal(tokens[tokens.length - 1]!.end, line.length);
    });
  }
});
