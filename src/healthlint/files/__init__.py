"""Which files a run reads and how it reads them safely: discovery with includes, excludes and
.gitignore, gitignore-style globs matched in linear time, git's changed files, the project
boundary that links may not cross, and reading named files."""
