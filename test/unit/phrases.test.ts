/**
 * The phrase syntax (server/catalogue/README.md, "Phrase syntax"): what the compiler accepts, what it rejects and
 * with which message, and that grouped alternatives (one word or several) are found the same way by the one-pass
 * word index and by the phrase's own regular expression.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PhraseSet, PhraseSyntaxError, WordIndex, compilePhrase, phraseMatches } from '../../server/src/engine/phrases.js';
import { phraseProblems, resolveConfig, type ClauseEntry, type RuleMeta } from '../../server/src/engine/index.js';

/** Every match of the phrase's global pattern, as [start, end] pairs. */
function regexSpans(phrase: string, text: string): [number, number][] {
  const re = compilePhrase(phrase).global;
  re.lastIndex = 0;
  return [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
}

/** Matches found through the word index (the path the engine takes for drafts). */
function indexSpans(phrase: string, text: string): [number, number][] {
  return new WordIndex(text).find(compilePhrase(phrase)).map((s) => [s.start, s.end]);
}

function matched(phrase: string, text: string): string[] {
  const viaIndex = indexSpans(phrase, text);
  assert.deepEqual(viaIndex, regexSpans(phrase, text), `the word index and the pattern agree for "${phrase}" in "${text}"`);
  return viaIndex.map(([s, e]) => text.slice(s, e));
}

function error(phrase: string): string {
  try {
    compilePhrase(phrase);
  } catch (e) {
    assert.ok(e instanceof PhraseSyntaxError, 'a PhraseSyntaxError');
    return e.message;
  }
  assert.fail(`"${phrase}" should be rejected`);
}

describe('phrase syntax: alternatives', () => {
  test('a bare "|" in a phrase of several words is rejected, with the exact rewrite for each reading', () => {
    assert.equal(
      error('comparative|performance test'),
      'phrase "comparative|performance test": in a phrase of several words, alternatives must be grouped in parentheses (a bare "|" could be read two ways). ' +
        'Write "(comparative|performance) test" to match "comparative test" or "performance test", ' +
        'or "(comparative|performance test)" to match "comparative" or "performance test".',
    );
    const several = error('treated|considered as ... provider|providers');
    assert.match(several, /^phrase "treated\|considered as \.\.\. provider\|providers": /);
    assert.ok(several.includes('Write "(treated|considered) as ... (provider|providers)"'), several);
    assert.match(error('a ... b|c'), /Write "a \.\.\. \(b\|c\)"/);
  });

  test('a one-word phrase keeps its bare alternatives; parentheses around them change nothing', () => {
    const text = 'Customer owns the Output; Provider owned it before and will own nothing.';
    assert.deepEqual(matched('own|owns|owned', text), ['owns', 'owned', 'own']);
    assert.deepEqual(matched('(own|owns|owned)', text), ['owns', 'owned', 'own']);
    assert.equal(compilePhrase('(own|owns|owned)').sticky.source, compilePhrase('own|owns|owned').sticky.source);
    assert.ok(compilePhrase('(own|owns|owned)').direct, 'one word per alternative: looked up in the word index directly');
  });

  test('a group of one-word alternatives stands for one word position', () => {
    const text = 'A comparative test, then a performance\ntest; a comparative study of the test.';
    assert.deepEqual(matched('(comparative|performance) test', text), ['comparative test', 'performance\ntest']);
    assert.deepEqual(matched('(retain*|keep) ... logs ... for at least', 'Provider shall retain the logs for at least six months.'), ['retain the logs for at least']);
  });

  test('an alternative inside a group may have several words', () => {
    const text = 'The comparative test results and the benchmark results, but not the comparative results or a test result.';
    assert.deepEqual(matched('(comparative test|benchmark) results', text), ['comparative test results', 'benchmark results']);
    // Across markup and a soft line break, like any two words of a phrase.
    assert.deepEqual(matched('(comparative test|benchmark) results', 'the *comparative*\n**test** results'), ['comparative*\n**test** results']);
    // Several words in several alternatives, with a gap and a placeholder around the group.
    const phrase = 'within <duration> ... (written notice|notice in writing|email)';
    assert.deepEqual(matched(phrase, 'Provider shall give, within 30 days, notice in writing to Customer.'), ['within 30 days, notice in writing']);
    assert.deepEqual(matched(phrase, 'within 5 Business Days by email'), ['within 5 Business Days by email']);
    assert.deepEqual(matched(phrase, 'within 30 days, notice'), []);
    // A later word is looked for far enough after a long alternative.
    const long = '(one two three four five six seven eight|x) end';
    assert.deepEqual(matched(long, `${'one   two   three   four   five   six   seven   eight'.replace(/ {3}/g, ' '.repeat(60))} end`).length, 1);
  });

  test('grouped phrases are found by the one-pass scan of a phrase table', () => {
    const phrases = ['(comparative test|benchmark) results', '(comparative|performance) test', 'own|owns'];
    const set = new PhraseSet(phrases.map((p) => compilePhrase(p)));
    const text = 'Customer owns the benchmark results and the performance test.';
    const found = set.matches(new WordIndex(text)).map((m) => `${phrases[m.entry]}: ${text.slice(m.start, m.end)}`);
    assert.deepEqual(found, ['own|owns: owns', '(comparative test|benchmark) results: benchmark results', '(comparative|performance) test: performance test']);
    assert.ok(phraseMatches(compilePhrase('(comparative test|benchmark) results'), 'Benchmark Results'));
  });

  test('what else is rejected, each with the reason and, where there is one, the rewrite', () => {
    const cases: [string, RegExp][] = [
      ['Regulation (EU) 2024/1689', /"\(EU\)" has one\. Punctuation in the text needs no syntax .*write "Regulation EU 2024\/1689"\.$/],
      ['article 25(1)', /in "25\(1\)" they do not\. .*write "article 25 1"\.$/],
      ['for <duration>|at least', /the placeholder <duration> cannot be an alternative/],
      ['(<num>|several) days', /the placeholder <num> cannot be an alternative/],
      ['(a|b)c d', /put a space after "\)" in "\(a\|b\)c"/],
      ['(a|(b|c)) d', /groups cannot be nested/],
      ['(a|b d', /"\(" without "\)"/],
      ['(a||b) c', /empty alternative/],
      ['a||b', /empty alternative in "a\|\|b"/],
      ['(a|...) b', /a gap "\.\.\." cannot be an alternative/],
      ['x <foo>', /unknown placeholder <foo>/],
      ['... a', /may not start or end with "\.\.\."/],
      ['a ... ... b', /two gaps in a row/],
      ['tra*in', /"\*" is only allowed at the end of a word/],
      ['(a|--) b', /"--" has no letter or digit/],
    ];
    for (const [phrase, message] of cases) {
      const m = error(phrase);
      assert.ok(m.startsWith(`phrase "${phrase}": `), m);
      assert.match(m, message);
    }
  });
});

describe('phrase problems name their clause or rule', () => {
  const clause = {
    id: 'benchmarks',
    detection: { headings: ['benchmark*'], phrases: ['publish ... (benchmark|comparative) results', 'comparative|performance test'] },
    elements: [{ id: 'x', signals: ['ok'] }],
    positions: [{ id: 'p', when: [{ all: [['{output}', 'prior|written consent']], verb: ['{nonsense}'] }] }],
  } as unknown as ClauseEntry;
  const rule = { id: 'vague-thing', phrases: [{ phrase: 'sort|kind of' }] } as unknown as RuleMeta;

  test('phraseProblems lists every one, with the clause or rule, where the phrase sits, and the phrase', () => {
    const problems = phraseProblems([clause], [rule]);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0], /^Clause "benchmarks", detection\.phrases\[1\]: phrase "comparative\|performance test": .*Write "\(comparative\|performance\) test"/);
    assert.match(problems[1], /^Clause "benchmarks", positions\[0\]\.when\[0\]\.all\[0\]\[1\]: phrase "prior\|written consent": .*Write "\(prior\|written\) consent"/);
    assert.match(problems[2], /^Clause "benchmarks", positions\[0\]\.when\[0\]\.verb\[0\]: unknown concept "\{nonsense\}"/);
    assert.match(problems[3], /^Rule "vague-thing", phrases\[0\]: phrase "sort\|kind of": .*Write "\(sort\|kind\) of"/);
  });

  test('in a playbook, a configuration problem on the phrase itself; the rest of the configuration applies', () => {
    const text = JSON.stringify(
      {
        clauses: [
          { id: 'acceptable-use', severity: 'error' },
          { id: 'output-ownership', detection: { headings: ['output'], phrases: ['own* ... output|outputs'] } },
          { id: 'ip-indemnity', positions: [{ id: 'x', favours: 'balanced', when: [{ all: [['defend|indemnify claims']] }] }] },
        ],
      },
      null,
      2,
    );
    const config = resolveConfig({ playbooks: [{ path: 'firm.json', text }] });
    assert.equal(config.problems.length, 2, JSON.stringify(config.problems));
    const [first, second] = config.problems;
    assert.equal(first.file, 'firm.json');
    assert.match(first.message, /^Clause "output-ownership", detection\.phrases\[0\]: phrase "own\* \.\.\. output\|outputs": .*Write "own\* \.\.\. \(output\|outputs\)"/);
    assert.equal(text.slice(first.start, first.end), '"own* ... output|outputs"', 'the problem is on the phrase');
    assert.match(second.message, /^Clause "ip-indemnity", positions\[0\]\.when\[0\]\.all\[0\]\[0\]: phrase "defend\|indemnify claims": .*Write "\(defend\|indemnify\) claims"/);
    assert.equal(text.slice(second.start, second.end), '"defend|indemnify claims"');
    // The broken entries are left out; the valid one applies, and the built-in phrases stay.
    assert.equal(config.catalogue.clause('acceptable-use')?.severity, 'error');
    assert.deepEqual(config.catalogue.clause('output-ownership')?.detection, resolveConfig().catalogue.clause('output-ownership')?.detection);
  });

  test('a playbook of odd shapes is reported, never thrown', () => {
    const odd = [
      { id: 'output-ownership', detection: { phrases: [3, null] } },
      { id: 'output-ownership', detection: 'text' },
      { id: 'output-ownership', elements: [null, { signals: 'x' }], variants: [{}], positions: [null, { when: 4 }, { when: [null, { all: 'x' }] }] },
    ];
    for (const entry of odd) {
      const config = resolveConfig({ playbooks: [{ path: 'odd.json', text: JSON.stringify({ clauses: [entry] }) }] });
      assert.ok(Array.isArray(config.problems));
    }
    const strings = resolveConfig({ playbooks: [{ path: 'odd.json', text: JSON.stringify({ clauses: [odd[0]] }) }] });
    assert.match(strings.problems[0].message, /detection\.phrases\[0\]: phrases must be strings/);
  });
});
