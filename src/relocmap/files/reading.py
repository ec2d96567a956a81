"""Reading input files, bounded: the one reader every input goes through (size limits,
file kinds, decoding with the line and column of a bad byte). It never reaches the network."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

from relocmap.base.errors import InputError, Problem, os_error_text
from relocmap.base.i18n import N_, _

TEXT_MAX_BYTES = 16 * 1024 * 1024  # other text inputs, unless the caller says otherwise


JSON_MAX_BYTES = 1024 * 1024


# Signatures of files people mistake for CSV.
# The texts are marked for the catalogue here and translated where they are shown.
BINARY_SIGNATURES = {
    b"PK\x03\x04": N_(
        "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?); save it as CSV first"
    ),
    b"\xd0\xcf\x11\xe0": N_("an old Excel .xls workbook; save it as CSV first"),
    b"%PDF": N_("a PDF document"),
    b"\x89PNG": N_("a PNG image"),
}

_FILE_KINDS = (
    (stat.S_ISDIR, N_("a directory")),
    (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISSOCK, N_("a socket")),
)


def _not_regular(mode: int) -> str | None:
    """What a file of this mode is, if it is not a regular file."""
    for test, what in _FILE_KINDS:
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else N_("not a regular file")


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MiB").format(size=f"{size / (1024 * 1024):.0f}")
    return _("{size} bytes").format(size=size)


def read_input_bytes(
    path: str | Path, *, limit: int, expected: str, missing: str = N_("file not found")
) -> bytes:
    """The bytes of an input file, which must be a regular file of at most ``limit`` bytes.

    Never blocks: a named pipe, a device, a socket or a directory is refused before
    anything is read (and checked again on the opened file), and so is a symbolic
    link loop; a file larger than ``limit`` is refused without being read whole.
    ``expected`` words the messages ("a CSV file"), ``missing`` the one for an
    absent file: both marked with ``N_`` by the caller, translated here.
    """
    path = Path(path)
    try:
        what = _not_regular(os.stat(path).st_mode)
        if what is None:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        if path.is_symlink():  # "file not found" would contradict what ls shows
            raise InputError.single(
                path,
                _("is a link to {target}, which does not exist").format(target=os.readlink(path)),
            ) from None
        raise InputError.single(path, _(missing)) from None
    except OSError as exc:
        raise InputError.single(path, _os_reason(exc)) from None
    if what is not None:
        raise InputError.single(path, _not_expected(what, expected))
    try:
        info = os.fstat(fd)
        what = _not_regular(info.st_mode)  # replaced between the two looks
        if what is not None:
            raise InputError.single(path, _not_expected(what, expected))
        too_big = InputError.single(
            path,
            _(
                "is larger than {size}, the most relocmap reads as {expected} "
                "(see 'Input limits' in the README)"
            ).format(size=_size_text(limit), expected=_(expected)),
        )
        if info.st_size > limit:
            raise too_big
        chunks = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1024 * 1024, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # the file grew while being read
            raise too_big
        return b"".join(chunks)
    except OSError as exc:
        raise InputError.single(path, _os_reason(exc)) from None
    finally:
        os.close(fd)


def _not_expected(what: str, expected: str) -> str:
    return _("is {what}, expected {expected}").format(what=_(what), expected=_(expected))


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return _("cannot be read: symbolic link loop (too many levels of symbolic links)")
    if exc.errno == errno.ENXIO:
        return _("cannot be read: it is a socket or a device, not a regular file")
    return _("cannot be read ({reason})").format(reason=os_error_text(exc))


# Decoding without --encoding: a file that decodes as UTF-8 is UTF-8. One that does
# not is Windows-1252 (what Excel saves in France) only if its bytes that are not
# UTF-8 outnumber its valid UTF-8 multi-byte characters: in a real Windows-1252
# file, almost no accented letter happens to form a UTF-8 sequence. Otherwise it is a
# UTF-8 file damaged in a few places, and each bad byte is reported with its offset.
AUTO_ENCODINGS = ("utf-8-sig", "cp1252")
# What a message suggests passing: the encodings French files are met in.
_ENCODING_EXAMPLE = N_("--encoding cp1252 for Windows-1252, --encoding latin-1 for ISO-8859-1")


def decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    """Decode ``data`` (see AUTO_ENCODINGS for the rule without ``encoding``)."""
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
        except LookupError:
            raise InputError.single(
                path, _("unknown encoding {encoding}").format(encoding=repr(encoding))
            ) from None
        return _blame(path, data, [encoding])
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    text = body.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    if bad == 0:
        return text, "utf-8-sig"
    multibyte = sum(1 for ch in text if ch > "\x7f") - bad
    if multibyte >= bad:
        raise InputError(_damaged_utf8(path, data, len(data) - len(body), text))
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return _blame(path, data, list(AUTO_ENCODINGS))


def decode_utf8(path: Path, data: bytes, *, fix: str = N_("save the file as UTF-8")) -> str:
    """``data`` as UTF-8 text, a byte order mark dropped: for formats that are UTF-8
    by definition (JSON), where guessing another encoding would be wrong. The first
    byte that is not UTF-8 is reported with its line, character and byte offset; ``fix``
    (marked with ``N_``) says what to do."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        line, column = text_position(data[start:], exc.start, "utf-8")
        raise InputError.single(
            path,
            _(
                "byte {byte} at character {column} (byte offset {offset}) is not UTF-8; {fix}"
            ).format(byte=f"0x{data[offset]:02x}", column=column, offset=offset, fix=_(fix)),
            line,
        ) from None


def text_position(data: bytes, start: int, encoding: str) -> tuple[int, int]:
    """(line, character in the line) of byte offset ``start``."""
    line_start = data.rfind(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode(encoding, errors="replace")) + 1
    return data.count(b"\n", 0, start) + 1, column


def _blame(path: Path, data: bytes, candidates: list[str]) -> NoReturn:
    """Each encoding is blamed where it stops: a cp1252 accent that is not UTF-8 is
    not the byte that stops cp1252 too."""
    failures: dict[int, list[str]] = {}  # byte offset -> encodings that stop there
    for name in candidates:
        try:
            data.decode(name)
        except UnicodeDecodeError as exc:
            failures.setdefault(exc.start, []).append(name)
    problems = []
    for start, names in sorted(failures.items()):
        line, column = text_position(data, start, names[0])
        problems.append(
            Problem(
                str(path),
                _(
                    "byte {byte} at character {column} cannot be decoded as {encodings} "
                    "(byte offset {offset}); save the file as UTF-8, or pass its encoding "
                    "with --encoding ({example})"
                ).format(
                    byte=f"0x{data[start]:02x}",
                    column=column,
                    encodings=_(" or ").join(names),
                    offset=start,
                    example=_(_ENCODING_EXAMPLE),
                ),
                line,
            )
        )
    raise InputError(problems)


def _damaged_utf8(path: Path, data: bytes, offset: int, text: str) -> list[Problem]:
    """One problem per byte that is not UTF-8 in an otherwise UTF-8 ``text``
    (decoded with surrogateescape from ``data[offset:]``)."""
    problems = []
    line, column = 1, 1
    for ch in text:
        if "\udc80" <= ch <= "\udcff":
            problems.append(
                Problem(
                    str(path),
                    _(
                        "byte {byte} at character {column} (byte offset {offset}) is not "
                        "UTF-8, although the rest of the file is: the file is damaged there; "
                        "retype that character, or, if the file is in another encoding, pass "
                        "it with --encoding ({example})"
                    ).format(
                        byte=f"0x{ord(ch) - 0xDC00:02x}",
                        column=column,
                        offset=offset,
                        example=_(_ENCODING_EXAMPLE),
                    ),
                    line,
                )
            )
            size = 1
        else:
            size = len(ch.encode("utf-8"))
        offset += size
        if ch == "\n":
            line, column = line + 1, 1
        else:
            column += 1
    return problems


def read_text(
    path: str | Path,
    encoding: str | None,
    *,
    kind: str,
    expected: str,
    signatures: Mapping[bytes, str],
    empty: str,
    limit: int = TEXT_MAX_BYTES,
) -> tuple[str, str]:
    """Read a text file, refusing what is not text: (text, encoding used).

    ``kind`` and ``expected`` word the messages ("not a CSV file", "is a
    directory, expected a CSV file"); ``signatures`` maps the first bytes of
    documents people mistake for it to what they are; these texts and ``empty`` are
    marked with ``N_`` by the caller and translated here. Only a regular file of at
    most ``limit`` bytes is read (:func:`read_input_bytes`).
    """
    path = Path(path)
    data = read_input_bytes(path, limit=limit, expected=expected)
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise InputError.single(path, _(empty))
    for signature, what in signatures.items():
        if data.startswith(signature):
            raise InputError.single(
                path, _("not {kind}: this is {what}").format(kind=_(kind), what=_(what)), line=1
            )
    if encoding is None and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # Excel's "Unicode text" export starts with this mark
    wide = encoding is not None and encoding.lower().replace("_", "-").startswith(
        ("utf-16", "utf-32")
    )
    if b"\x00" in data and not wide:
        offset = data.index(b"\x00")
        raise InputError.single(
            path,
            _("not {kind}: it holds binary data (NUL byte)").format(kind=_(kind)),
            line=data.count(b"\n", 0, offset) + 1,
        )
    return decode(path, data, encoding)


def read_json(path: str | Path, limit: int = JSON_MAX_BYTES) -> dict[str, Any]:
    """Read a JSON object from a file, reporting bad JSON with its position."""
    path = Path(path)
    data = read_input_bytes(path, limit=limit, expected=N_("a JSON file"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(
            path, _("not UTF-8 text ({reason})").format(reason=exc.reason)
        ) from None
    value = parse_json(path, text)
    if not isinstance(value, dict):
        raise InputError.single(path, _("expected a JSON object at the top level"))
    return value


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(_("{name} is not a JSON number").format(name=name))


def parse_json(path: Path, text: str) -> object:
    """Parse JSON text; bad syntax, NaN/Infinity, endless numbers and nesting deep
    enough to exhaust Python's stack are all one-line errors."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InputError.single(
            path,
            _("not valid JSON: {reason} (character {column})").format(
                reason=_(exc.msg), column=exc.colno
            ),
            line=exc.lineno,
        ) from None
    except RecursionError:
        raise InputError.single(path, _("not usable JSON: nested too deeply")) from None
    except ValueError as exc:  # NaN, or an integer of thousands of digits
        raise InputError.single(path, _("not usable JSON: {reason}").format(reason=exc)) from None


# The json module's reasons, marked for the catalogue: parse_json shows them translated.
JSON_REASONS = (
    N_("Expecting value"),
    N_("Expecting ',' delimiter"),
    N_("Expecting ':' delimiter"),
    N_("Expecting property name enclosed in double quotes"),
    N_("Unterminated string starting at"),
    N_("Invalid control character at"),
    N_("Extra data"),
    N_("Illegal trailing comma before end of object"),
    N_("Illegal trailing comma before end of array"),
)
