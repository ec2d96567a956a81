"""relocmap.export: outputs are written atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from relocmap import export
from relocmap.export import write_bytes_atomic, write_text_atomic


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_write_bytes_creates_parents_and_writes(tmp_path):
    target = tmp_path / "a" / "b" / "map.html"
    write_bytes_atomic(target, b"\x00\x01data")
    assert target.read_bytes() == b"\x00\x01data"
    assert _leftovers(target.parent) == []


def test_write_bytes_replaces_existing_file(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old content that is longer")
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path) == []


def test_written_file_is_world_readable(tmp_path):
    target = tmp_path / "out.txt"
    write_bytes_atomic(target, b"x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_accepts_str_path(tmp_path):
    target = tmp_path / "s.txt"
    write_bytes_atomic(str(target), b"ok")
    assert target.read_bytes() == b"ok"


def test_failure_keeps_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_bytes(b"previous")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(export.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_bytes_atomic(target, b"half written")
    assert target.read_bytes() == b"previous"
    assert _leftovers(tmp_path) == []


def test_failure_while_writing_leaves_nothing(tmp_path):
    target = tmp_path / "new.txt"
    with pytest.raises(TypeError):
        write_bytes_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_write_text_is_utf8_with_unix_newlines(tmp_path):
    target = tmp_path / "t.txt"
    write_text_atomic(target, "Drôme\n« près de 670 »\u202f\n")
    data = target.read_bytes()
    assert data == "Drôme\n« près de 670 »\u202f\n".encode("utf-8")
    assert b"\r\n" not in data


def test_temporary_file_is_beside_target(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append((Path(src), Path(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(export.os, "replace", spy)
    target = tmp_path / "sub" / "f.geojson"
    write_bytes_atomic(target, b"{}")
    (src, dst), = seen
    # Same directory, so the rename is atomic (no cross-filesystem copy).
    assert src.parent == dst.parent == target.parent
    assert src.name.startswith(".f.geojson.") and src.name.endswith(".tmp")
