"""The version, in a module of its own: the cache key, the CLI and the reporters read it
without importing the package's public API."""

__version__ = "0.1.0"
