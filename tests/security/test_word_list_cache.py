"""The decompressed word list is kept in a user cache folder: a folder someone else can
write to (a shared temp folder) is never used, and a planted list or index never is either."""

from __future__ import annotations

import gzip
import json
import os
import pickle
from pathlib import Path

from security.cli import TODAY, PicklePayload, env_for, healthlint, no_traceback

DATA = Path(__file__).resolve().parents[2] / "src" / "healthlint" / "language" / "data"
ARTICLE = "---\ntitle: Musklerne i låret\ndatePublished: 01/02/2025\nlastUpdated: 01/03/2025\n---\n\nMuskelens styrke kommer med træning.\n"


def _list_with(word: bytes) -> bytes:
    """The shipped list with `word` added in its place and another word of the same length
    taken out: the same size, sorted, but not the same content."""
    lines = gzip.decompress((DATA / "da_words.txt.gz").read_bytes()).split(b"\n")[:-1]
    victim = next(line for line in reversed(lines) if len(line) == len(word) and line != word)
    lines.remove(victim)
    lines.append(word)
    lines.sort()
    return b"".join(line + b"\n" for line in lines)


def _plant(folder: Path, marker: Path) -> None:
    digest, size = (DATA / "da_words.sha256").read_text(encoding="ascii").split()
    planted = _list_with("Muskelens".encode())
    assert len(planted) == int(size)
    (folder / f"da_words-{digest[:16]}.txt").write_bytes(planted)
    (folder / f"da_words-{digest[:16]}.index").write_bytes(pickle.dumps(PicklePayload(marker)))


def _spelling(done) -> list[tuple[str, int, int]]:
    return [(d["code"], d["line"], d["column"]) for d in json.loads(done.stdout)["diagnostics"] if d["code"] == "HL610"]


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "site"
    project.mkdir()
    (project / "knae.md").write_text(ARTICLE, encoding="utf-8")
    return project


def test_a_list_and_index_planted_in_a_folder_others_can_write_are_not_used(tmp_path):
    project = _project(tmp_path)
    shared = tmp_path / "shared-tmp" / f"healthlint-{os.getuid()}"
    shared.mkdir(parents=True)
    marker = tmp_path / "owned"
    _plant(shared, marker)
    shared.chmod(0o777)  # as another user's folder in a shared /tmp would be: writable by others
    if os.getuid() == 0:
        os.chown(shared, 4242, 4242)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".cache").write_text("not a folder: ~/.cache cannot be used", encoding="utf-8")
    env = env_for(home, TMPDIR=str(tmp_path / "shared-tmp"))
    done = healthlint(project, "check", "--extend-select", "HL610", "--format", "json", "--today", TODAY, "--no-cache", env=env)
    no_traceback(done)
    assert not marker.exists(), "a planted index ran code"
    assert _spelling(done) == [("HL610", 7, 1)]


def test_a_list_of_the_right_size_but_other_content_is_replaced_in_the_users_own_folder(tmp_path):
    project = _project(tmp_path)
    own = tmp_path / "own-cache"
    own.mkdir(mode=0o700)
    marker = tmp_path / "owned"
    _plant(own, marker)
    env = env_for(tmp_path / "home", HEALTHLINT_CACHE_DIR=str(own))
    done = healthlint(project, "check", "--extend-select", "HL610", "--format", "json", "--today", TODAY, "--no-cache", env=env)
    no_traceback(done)
    assert not marker.exists(), "a planted index ran code"
    assert _spelling(done) == [("HL610", 7, 1)]
