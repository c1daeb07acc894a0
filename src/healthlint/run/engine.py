"""Run the enabled rules on documents, then the site rules on the site's facts.

A rule that raises becomes one HL010 diagnostic for that file; the other rules and files go on.
"""

from __future__ import annotations

import traceback
from datetime import date

from healthlint import i18n, suppress
from healthlint.config import Config
from healthlint.diagnostic import Diagnostic, Severity, Span, Violation
from healthlint.document import Document, LoadFailure
from healthlint.files.globs import compile_globs
from healthlint.ruleset.registry import matches
from healthlint.ruleset.rule import PAGE_TAG, RESULT_PAGE_TAG, Rule, RuleContext
from healthlint.run.result import FileResult
from healthlint.site.facts import FileFacts, Site, bare_facts, collect_facts
from healthlint.site.index import UNSTAMPED, SiteIndex

MESSAGES = i18n.Messages(
    {
        "rule": {"en": "rule {code} {name}", "da": "reglen {code} {name}"},
        "reader": {"en": "healthlint's reader", "da": "healthlints indlæsning"},
        "internal-error": {
            "en": "Internal error: {who} failed on this file ({error}). "
            "The other rules still ran. Please report this with the file attached.",
            "da": "Intern fejl: {who} fejlede på denne fil ({error}). "
            "De andre regler blev kørt. Rapportér fejlen, og vedhæft filen.",
        },
        "pattern-too-slow": {
            "en": "{who} stopped on this file: {error}. The other rules still ran.",
            "da": "{who} stoppede på denne fil: {error}. De andre regler blev kørt.",
        },
    },
    __name__,
)


# Load failures of a file that is there but holds no article: binary, UTF-16, too large, empty.
FILE_WITHOUT_ARTICLE = frozenset({"HL002", "HL003", "HL004", "HL005"})


class Engine:
    def __init__(
        self,
        config: Config,
        *,
        today: date,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        extend_select: list[str] | None = None,
        lang: str | None = None,
    ):
        self.config = config
        self.today = today
        self.lang = lang or config.lang  # the language of messages (healthlint.i18n)
        chosen = list(select) if select is not None else config.select + config.extend_select
        chosen += extend_select or []
        self.selected, self.ignored = chosen, config.ignore + list(ignore or [])
        self.rules = config.rule_set.select(self.selected, self.ignored)
        self.enabled = {rule.code: rule for rule in self.rules}
        self._by_code = {rule.code: rule for rule in config.rule_set.rules}
        self._contexts = {rule.code: self._context(rule) for rule in self.rules}
        self._enabled_for: dict[tuple[str, str], bool] = {}
        self._fragments: dict[str, bool] = {}
        self._ignore_specs = [
            (compile_globs((glob,)), selectors) for glob, selectors in config.per_file_ignores.items()
        ]
        self._option_specs = [
            (self._matcher(where), by_code) for where, by_code in config.per_file_options.items()
        ]
        self._contexts_for: dict[tuple[str, str], RuleContext] = {}
        # Figures kept with each file's result, from the enabled rules that give them (once each).
        self._metrics = tuple(dict.fromkeys(rule.metrics for rule in self.rules if rule.metrics is not None))

    def _context(self, rule: Rule) -> RuleContext:
        setting = self.config.rules.get(rule.code)
        options = dict(rule.options)
        if setting:
            options.update(setting.options)
        return RuleContext(options=options, today=self.today, profile=self.config.site_profile, root=self.config.root, lang=self.lang)

    def _matcher(self, where: str):
        """A test of a relative path: a page kind of the profile (`kind:ordbog`) or a glob."""
        if where.startswith("kind:"):
            name, profile = where[5:], self.config.site_profile
            return lambda rel_path: profile.kind_for(rel_path).name == name
        spec = compile_globs((where,))
        return spec.match_file

    def context_for(self, rule: Rule, rel_path: str) -> RuleContext:
        """The rule's context for this file: its options with the matching `per-file-options`."""
        if not self._option_specs:
            return self._contexts[rule.code]
        key = (rule.code, rel_path)
        known = self._contexts_for.get(key)
        if known is None:
            base = self._contexts[rule.code]
            extra = [by_code[rule.code] for matches_file, by_code in self._option_specs if rule.code in by_code and matches_file(rel_path)]
            known = base if not extra else base._replace(options={**base.options, **{k: v for e in extra for k, v in e.items()}})
            self._contexts_for[key] = known
        return known

    def severity(self, code: str) -> Severity:
        setting = self.config.rules.get(code)
        if setting and setting.severity is not None:
            return setting.severity
        return self._by_code[code].severity

    def is_enabled(self, code: str, rel_path: str) -> bool:
        rule = self.enabled.get(code)
        if rule is None:
            return False
        if PAGE_TAG in rule.tags and self._is_fragment(rel_path):
            return False  # a fragment is not a page: its frontmatter and result page do not exist
        if not self._ignore_specs:
            return True
        key = (code, rel_path)
        known = self._enabled_for.get(key)
        if known is None:
            # Asked for every diagnostic: glob matching once per rule and path is enough.
            known = self._enabled_for[key] = not any(
                spec.match_file(rel_path) and any(matches(rule, s) for s in selectors)
                for spec, selectors in self._ignore_specs
            )
        return known

    def _is_fragment(self, rel_path: str) -> bool:
        known = self._fragments.get(rel_path)
        if known is None:
            known = self._fragments[rel_path] = self.config.site_profile.is_fragment(rel_path)
        return known

    def _ran(self, selector: str, rel_path: str) -> bool:
        """Whether the rule a suppression comment names ran on this file (an unknown name: yes)."""
        rule = self._by_code.get(selector.upper()) or next((r for r in self._by_code.values() if r.name == selector), None)
        return rule is None or self.is_enabled(rule.code, rel_path)

    def diagnostic(self, path: str, code: str, violation: Violation) -> Diagnostic:
        rule = self._by_code[code]
        return Diagnostic(path, code, rule.name, self.severity(code), violation.message, violation.span, violation.fix)

    # -- the per-file pass -------------------------------------------------------------
    def lint_bytes(self, path: str, rel_path: str, data: bytes) -> FileResult:
        loaded = Document.from_bytes(path, data, rel_path)
        if isinstance(loaded, LoadFailure):
            return self.failure(path, rel_path, loaded)
        return self.lint_document(loaded)

    def failure(self, path: str, rel_path: str, failure: LoadFailure) -> FileResult:
        result = FileResult(path, rel_path)
        if failure.code in FILE_WITHOUT_ARTICLE:
            result.facts = bare_facts(path, rel_path, self.config.site_profile)
        if self.is_enabled(failure.code, rel_path):
            result.diagnostics.append(self.diagnostic(path, failure.code, Violation(failure.span, i18n.render(failure.message, self.lang))))
        return result

    def lint_document(self, doc: Document) -> FileResult:
        rel_path = doc.rel_path
        result = FileResult(doc.path, rel_path, metrics={"lines": len(doc.lines)})
        noindex = None
        for rule in self.rules:
            if rule.kind != "file" or not self.is_enabled(rule.code, rel_path):
                continue
            if RESULT_PAGE_TAG in rule.tags:
                if noindex is None:
                    noindex = self.config.site_profile.is_noindex(doc)
                if noindex:
                    continue  # not in search results: nothing to say about its result page
            try:
                for violation in rule.check(doc, self.context_for(rule, rel_path)):
                    result.diagnostics.append(self.diagnostic(doc.path, rule.code, violation))
            except MemoryError:
                raise  # past the per-file memory limit (healthlint.run.limits): the whole file stops
            except Exception as error:  # a crashing rule must not stop the others
                result.diagnostics.append(self._internal_error(doc.path, rule, error))
        for hook in self._metrics:
            try:
                result.metrics.update(hook(doc))
            except MemoryError:
                raise
            except Exception as error:
                result.diagnostics.append(self._internal_error(doc.path, None, error))
        try:
            result.directives = suppress.parse(doc)
            result.facts = collect_facts(doc, self.config.site_profile)
        except MemoryError:
            raise
        except Exception as error:
            result.diagnostics.append(self._internal_error(doc.path, None, error))
        return result

    def _internal_error(self, path: str, rule: Rule | None, error: Exception) -> Diagnostic:
        where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        origin = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
        if rule:
            who = MESSAGES.say(self.lang, "rule", code=rule.code, name=rule.name)
        else:
            who = MESSAGES.say(self.lang, "reader")
        if type(error).__name__ == "PatternTimeout":
            # A rule pack's own pattern was too slow: the pack's author can fix it, so say that.
            message = MESSAGES.say(self.lang, "pattern-too-slow", who=who[:1].upper() + who[1:], error=str(error))
        else:
            message = MESSAGES.say(self.lang, "internal-error", who=who, error=f"{type(error).__name__}: {error}{origin}")
        return Diagnostic(path, "HL010", "internal-error", self.severity("HL010"), message, Span(1, 1, 1, 2))

    # -- the site pass -----------------------------------------------------------------
    def finish(self, results: list[FileResult], index: SiteIndex | None = None) -> list[Diagnostic]:
        """Run site rules, apply suppressions, report unused ones; return sorted diagnostics.

        `index` holds every file of the site (healthlint.site.index); without one, the site
        is the files linted."""
        # Results may be cached or shared, so this pass works on copies and leaves them as they were.
        from dataclasses import replace

        results = [
            replace(r, diagnostics=list(r.diagnostics), directives=[replace(d, used=set()) for d in r.directives])
            for r in results
        ]
        by_path = {result.path: result for result in results}
        reported = tuple(sorted((r.facts for r in results if r.facts is not None), key=lambda f: f.rel_path))
        site = None
        for rule in self.rules:
            if rule.kind != "site":
                continue
            if site is None:
                site = Site(reported, _with_reported(index, reported))
            try:
                for path, violation in rule.check(site, self._contexts[rule.code]):
                    result = by_path.get(path)
                    if result is not None and self.is_enabled(rule.code, result.rel_path):
                        result.diagnostics.append(self.diagnostic(path, rule.code, violation))
            except Exception as error:
                for result in results:
                    result.diagnostics.append(self._internal_error(result.path, rule, error))
                    break
        final: list[Diagnostic] = []
        for result in results:
            kept = self._one_report_per_problem(suppress.apply(result.diagnostics, result.directives))
            if self.is_enabled("HL020", result.rel_path):
                kept += [
                    self.diagnostic(result.path, "HL020", Violation(span, message))
                    for span, message in suppress.unused(result.directives, lambda code: self._ran(code, result.rel_path), self.lang)
                ]
            final.extend(kept)
        final.sort(key=Diagnostic.sort_key)
        return final


    def _one_report_per_problem(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Drop a finding where a rule it yields to reported the same place (Rule.yields_to)."""
        yielding = {code for code in {d.code for d in diagnostics} if self._by_code[code].yields_to}
        if not yielding:
            return diagnostics
        places = {(d.code, d.span.line, d.span.column) for d in diagnostics}
        return [
            d
            for d in diagnostics
            if d.code not in yielding
            or not any((other, d.span.line, d.span.column) in places for other in self._by_code[d.code].yields_to)
        ]


def _with_reported(index: SiteIndex | None, reported: tuple[FileFacts, ...]) -> SiteIndex:
    """The site's index, with any reported file it lacks (a file outside the site's folder,
    text from standard input): the reported files are always compared with each other."""
    if index is None:
        return SiteIndex.of(reported)
    for facts in reported:
        if not index.has_path(facts.rel_path):
            index.put(facts.path, facts, UNSTAMPED)
    return index
