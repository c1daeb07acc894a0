"""The rule framework: a `Rule` and its decorators, the rule set (the Python rules, the
shipped packs and the project's, with one uniqueness check) and the YAML pack loader."""
