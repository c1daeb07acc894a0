"""Rule families, one module each; `healthlint.registry` lists them."""
