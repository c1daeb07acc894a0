"""healthlint: lint Danish health articles written in Markdown."""

from healthlint.version import __version__

__all__ = ["__version__", "lint_paths", "lint_text"]


def __getattr__(name: str):
    # The public API is imported lazily so `import healthlint` stays cheap for the CLI.
    if name in ("lint_paths", "lint_text"):
        from healthlint import api

        return getattr(api, name)
    raise AttributeError(name)
