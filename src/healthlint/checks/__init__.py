"""Rule families, one module each; `healthlint.ruleset.registry` lists them."""
