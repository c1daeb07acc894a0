"""Running healthlint: the pipeline behind the public API, the engine that runs the rules
on a document and the site, the worker processes and per-file limits, the cache and replay,
and atomic writes."""
