"""Danish for healthlint: prose tokenizer, LIX readability, dictionary and compound splitting.

Import the submodules directly (`healthlint.language.tokenize`, `.readability`,
`.dictionary`); this package imports nothing heavy, and the word list is opened only when
`Dictionary.load()` is first called.
"""
