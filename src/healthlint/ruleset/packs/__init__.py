"""Rules that are data: YAML rule packs from `rules/`, each rule extending one of four kinds.

A pack is a YAML file with one key, `rules`, a list of rules. Each rule `extends` one kind:

- `existence`: every match of `patterns` in `scope` is a problem.
- `substitution`: `swap: {pattern: replacement}`; a match is a problem, and with
  `fix: safe` (or `unsafe`) the diagnostic carries the replacement as a fix. The
  replacement may use groups of its pattern (`\\1`); the case of the first letter and of
  all-capital matches is kept.
- `required`: at least one passage in `scope` must match `patterns`. When none does, one
  diagnostic points at the first passage of the scope (the text that should have said it),
  else at the frontmatter `title`, else at line 1.
- `conditional`: when the `if` patterns match in `scope`, the `then` patterns must match
  in `then-scope` (default: `prose`) `within` the same `paragraph`, `section` or `article`.
  One diagnostic per unit that lacks them, at the first `if` match in that unit.

A conditional rule's `then` may hold `all:` items, a list of groups (each a list of
patterns) that must all match in one then-passage; with `then-scope: sentence`, a sentence
ending in `:` is read together with the list items right after it. `within: sentence` pairs a
trigger with the same sentence (scope and then-scope both `sentence`). `alternatives` (each
`found`, `message`, `message-da`) give the message when `then` fails but `found` holds in the
unit. `unless` (`scope`, `patterns`) turns the rule off for an article where the patterns
match in those scopes. `exceptions` remove trigger matches; `report: each-match` reports every distinct trigger
of a unit rather than the first, one per sentence.

More fields, for every kind unless said: `not-in` (`myths`, `faq`: sections whose heading or a
heading above it names them; `questions`: matches in a sentence or heading ending in `?`),
`once-per` (existence: `section` or `article`, one finding per distinct match there),
`default` (false: off in the default rule set), `examples` (a list of `bad:`/`good:` article
bodies the rule must flag or not, or whole articles when they start with `---` frontmatter;
tests/test_declarative_scopes.py runs them all).

Fields of a rule: `code` (HL + three digits, unique across all rules), `name` (kebab-case),
`extends`, `level` (error, warning, info), `message` (may quote the match as `{match}`,
substitutions also `{replacement}`), `why`; optional `summary` (the one-line description;
defaults to the message's first sentence), `message-da` and `summary-da` (the same in Danish,
shown with `lang = "da"`; `message-da` must quote the same placeholders as `message`, and a
rule without it speaks English in Danish runs too), `example`, `instead`, `tags`, `scope`,
`globs` (gitignore-style, relative to the site; the rule's `globs` option, so config may
override it), `exceptions` (patterns; a match inside an exception's match is not a problem).

Scopes: `paragraph` (not in a list), `list-item`, `table-cell` (header and body cells),
`heading`, `sentence` (sentences of paragraphs, list items and cells, split by
`healthlint.language.tokenize` when it is installed, else by a simple splitter that knows
the common Danish abbreviations), `title`,
`meta-title`, `description` (frontmatter values), and the groups `prose` (paragraph,
list-item, table-cell) and `body` (prose and headings). For `within`, the paragraph of a
table cell is its row, and a section runs from a heading to the next heading of any level.

Patterns are regular expressions in Python's syntax, matched case-insensitively and only
as whole words: each is wrapped in lookarounds on `[\\wæøåÆØÅ]`, so `akut` does not match in
`akutmodtagelse`. Inline Markdown (emphasis, code ticks, link targets, HTML tags) is removed
before matching and line breaks inside a paragraph count as spaces, so `Søg **straks** læge`
reads as `Søg straks læge`. Patterns whose quantifiers nest under an unbounded repeat
(`(a+)+`) are refused at load, and every match call runs with a time limit. Patterns that
would cost much to compile are refused at load too, since the `regex` module writes a counted
repeat out in full: a pattern longer than MAX_PATTERN_CHARS, a counted repeat (`{m}`, `{m,n}`)
over MAX_REPEAT_COUNT, a pattern whose counted repeats multiply out to more than
MAX_PATTERN_WEIGHT pieces, and packs whose patterns together weigh more than MAX_TOTAL_WEIGHT.

Everything a pack says is validated when it is loaded; a problem raises `RulePackError`
naming the file and line.
"""

from healthlint.ruleset.packs.compiled import PatternTimeout, RulePackError
from healthlint.ruleset.packs.loader import (
    builtin_pack_dir,
    load_pack,
    load_packs,
    parse_pack,
)

__all__ = ["PatternTimeout", "RulePackError", "builtin_pack_dir", "load_pack", "load_packs", "parse_pack"]
