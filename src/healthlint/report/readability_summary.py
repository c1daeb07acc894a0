"""A readability summary per article: LIX and band, words per sentence, long words, the
hardest section and the long words the article leans on. Shown under a one-file run's full
output (the writer's own article) and as a table in the Markdown summary."""

from __future__ import annotations

from healthlint.i18n import Messages

MESSAGES = Messages(
    {
        "line": {
            "en": "Readability: LIX {lix} ({band}) · {per_sentence} words per sentence · {long} % long words{section}{frequent}",
            "da": "Læsbarhed: LIX {lix} ({band}) · {per_sentence} ord pr. sætning · {long} % lange ord{section}{frequent}",
        },
        "section": {"en": " · hardest section: {heading} (LIX {lix})", "da": " · sværeste afsnit: {heading} (LIX {lix})"},
        "intro": {"en": "the introduction", "da": "indledningen"},
        "frequent": {"en": " · frequent long words: {words}", "da": " · hyppige lange ord: {words}"},
        "heading": {"en": "### Readability", "da": "### Læsbarhed"},
        "header": {
            "en": "| article | LIX | band | words per sentence | long words | hardest section |",
            "da": "| artikel | LIX | niveau | ord pr. sætning | lange ord | sværeste afsnit |",
        },
        "hardest": {
            "en": "The {shown} hardest of {total} articles.",
            "da": "De {shown} sværeste af {total} artikler.",
        },
    },
    __name__,
)
ROWS = 10


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


class Figures:
    """One article's readability figures, from the metrics the engine keeps for it."""

    def __init__(self, metrics: dict):
        self.lix = metrics.get("lix")
        self.band = metrics.get("lix_band") or ""
        words, sentences = metrics.get("words") or 0, metrics.get("sentences") or 0
        self.per_sentence = words / sentences if sentences else 0.0
        self.long = 100 * (metrics.get("long_words") or 0) / words if words else 0.0
        sections = [s for s in metrics.get("sections") or [] if s.get("lix") is not None and (s.get("words") or 0) >= 30]
        self.hardest = max(sections, key=lambda s: s["lix"]) if len(sections) > 1 else None
        self.frequent = metrics.get("frequent_long_words") or []


def line(metrics: dict, lang: str) -> str | None:
    from healthlint.report.escape import visible

    figures = Figures(metrics)
    if figures.lix is None:
        return None
    section = ""
    if figures.hardest is not None:
        heading = visible(figures.hardest["heading"]) if figures.hardest["heading"] else MESSAGES.say(lang, "intro")
        section = MESSAGES.say(lang, "section", heading=f'"{heading}"', lix=_decimal(figures.hardest["lix"]))
    frequent = ""
    if figures.frequent:
        frequent = MESSAGES.say(lang, "frequent", words=", ".join(f"{visible(word)} ({count})" for word, count in figures.frequent))
    return MESSAGES.say(
        lang, "line", lix=_decimal(figures.lix), band=figures.band, per_sentence=round(figures.per_sentence),
        long=round(figures.long), section=section, frequent=frequent,
    )


def markdown(report) -> list[str]:
    """The Markdown summary's readability table: the hardest articles first."""
    from healthlint.report.escape import markdown_text

    lang = getattr(report, "lang", "en")
    measured = [(result.path, Figures(result.metrics)) for result in report.files if result.metrics.get("lix") is not None]
    if not measured:
        return []
    measured.sort(key=lambda item: (-item[1].lix, item[0]))
    out = [MESSAGES.say(lang, "heading"), "", MESSAGES.say(lang, "header"), "|---|---:|---|---:|---:|---|"]
    for path, figures in measured[:ROWS]:
        hardest = ""
        if figures.hardest is not None:
            name = figures.hardest["heading"] or MESSAGES.say(lang, "intro")
            hardest = f"{markdown_text(name)} ({_decimal(figures.hardest['lix'])})"
        out.append(
            f"| {markdown_text(path)} | {_decimal(figures.lix)} | {figures.band} | {round(figures.per_sentence)} | "
            f"{round(figures.long)} % | {hardest} |"
        )
    if len(measured) > ROWS:
        out += ["", MESSAGES.say(lang, "hardest", shown=ROWS, total=len(measured))]
    out.append("")
    return out
