"""The subcommands besides `check`: serp, init, clean, rules, rule and words. Like the rest
of the command line, they print and return an exit code; the work is done elsewhere."""

from __future__ import annotations

import os
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def init_command(args) -> int:
    from healthlint.config_template import InitError, write_config

    try:
        written = write_config(args.folder, toml=args.toml)
    except InitError as error:
        print(f"healthlint: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote the healthlint settings to {written}. Edit them there; `healthlint check` reads them from now on.")
    return EXIT_OK


def words_command(args) -> int:
    """`healthlint words`: list the unknown words, or with --add put words in the word list."""
    from healthlint import words_command

    if args.add is not None:
        from healthlint import words_add

        if args.paths:
            print("healthlint: words --add takes words, not articles: give only the words to add", file=sys.stderr)
            return EXIT_USAGE
        try:
            added = words_add.add_words(args.add, args.config, args.lang)
        except words_command.WordsError as error:
            print(f"healthlint: {error}", file=sys.stderr)
            return EXIT_USAGE
        sys.stdout.write(words_add.render_added(added))
        return EXIT_OK
    from healthlint.api import Options

    listing = words_command.find_words(args.paths or ["."], Options(config_file=args.config, lang=args.lang), args.min_count)
    for line in listing.skipped:
        print("healthlint: " + words_command.say(listing.lang, "skipped", line=line), file=sys.stderr)
    render = words_command.render_json if args.format == "json" else words_command.render_text
    sys.stdout.write(render(listing))
    return EXIT_OK


def serp_command(args) -> int:
    from healthlint import api
    from healthlint.site.serp import render_serp, render_serp_json

    options = api.Options(config_file=args.config)
    if args.format == "json":
        text = render_serp_json(args.paths, options, base_url=args.base_url)
    else:
        text = render_serp(args.paths, options, color=use_color(args.color), base_url=args.base_url)
    sys.stdout.write(text)
    return EXIT_OK


def clean_command(paths: list[str]) -> int:
    from healthlint import api
    from healthlint.run import cache, pipeline

    config = pipeline.resolve_config([Path(p) for p in paths or ["."]], api.Options())
    root = pipeline.cache_root(config)
    outcome = cache.clean(root)
    if outcome == "symlink":
        cache.REFUSED[str(cache.folder(root))] = "symlink"
        say_refused_caches()
        return EXIT_USAGE
    print(f"Removed {cache.folder(root)}" if outcome == "removed" else f"No cache at {cache.folder(root)}")
    return EXIT_OK


def say_refused_caches() -> None:
    """Once per run: a cache folder healthlint would not use (healthlint.run.cache.usable_folder)."""
    cache = sys.modules.get("healthlint.run.cache")  # not imported: no cache was asked for
    if cache is None:
        return
    for path, why in sorted(cache.REFUSED.items()):
        what = "a symbolic link" if why == "symlink" else "not a folder"
        print(
            f"healthlint: warning: {path} is {what}, so healthlint neither reads nor writes a cache there: "
            "a link committed to the repository could make it read, write or delete files elsewhere. "
            "Remove it; healthlint makes the folder itself on the next run.",
            file=sys.stderr,
        )
    cache.REFUSED.clear()


def use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def list_rules(fmt: str = "text", lang: str = "en", rule_set=None) -> int:
    """`healthlint rules`: every rule of the rule set (the project's packs included)."""
    from healthlint.ruleset import registry
    from healthlint.ruleset.registry import MESSAGES

    rule_set = rule_set or registry.builtin()
    rules = rule_set.rules
    if fmt == "markdown":
        print(rule_set.table(), end="")
    elif fmt == "json":
        import json

        rows = [
            {"code": r.code, "name": r.name, "severity": r.severity.label, "default": r.default, "fixable": r.fixable, "tags": list(r.tags), "summary": r.summary_in(lang), "why_off": r.off_reason(lang) or None}
            for r in rules
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for rule in rules:
            fix = "fix" if rule.fixable else "   "
            on = MESSAGES.say(lang, "on" if rule.default else "off")
            print(f"{rule.code}  {rule.name:<32} {rule.severity.label:<8} {on:<4} {fix}  {rule.summary_in(lang)}")
        if not all(rule.default for rule in rules):
            print()
            print(MESSAGES.say(lang, "why-off", code=next(rule.code for rule in rules if not rule.default)))
            for rule in rules:
                if rule.off_reason(lang):
                    print(f"  {rule.code} {rule.name}: {rule.off_reason(lang)}")
    return EXIT_OK


def explain_rule(selector: str, rule_set=None) -> int:
    from healthlint.ruleset import registry

    rule = (rule_set or registry.builtin()).by_selector(selector)
    if rule is None:
        print(f"healthlint: no rule has the code or name {selector!r}; `healthlint rules` lists them", file=sys.stderr)
        return EXIT_USAGE
    print(f"{rule.code} {rule.name}")
    print(f"Default severity: {rule.severity.label}. Tags: {', '.join(rule.tags) or '-'}. Fixable: {'yes' if rule.fixable else 'no'}.")
    if not rule.default:
        from healthlint.ruleset.registry import MESSAGES

        print(rule.off_reason("en") or MESSAGES.say("en", "rule-off", code=rule.code))
    if rule.options:
        print("Options: " + ", ".join(f"{key} = {value!r}" for key, value in rule.options.items()))
    print()
    print(rule.doc)
    return EXIT_OK
