"""Refresh the French catalogue of relocmap's messages, then compile it.

    .venv/bin/python scripts/update_catalogue.py

Collects every message of the source (``_``, ``N_`` and ``ngettext`` calls, with
Babel's extractor) and every help text of the command line (read from the click
commands, as click shows them), merges them into
src/relocmap/base/locale/fr/LC_MESSAGES/relocmap.po (new messages come in with an
empty translation, changed ones with the old translation marked fuzzy, removed ones
are dropped), and compiles relocmap.mo beside it. Then translate the empty and fuzzy
entries of the .po (and remove their ``#, fuzzy`` line), and run the script again to
compile them. tests/base/test_i18n.py fails until every message is translated.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "src" / "relocmap"
CATALOGUE_DIR = SOURCE / "base" / "locale" / "fr" / "LC_MESSAGES"
PO_FILE = CATALOGUE_DIR / "relocmap.po"
MO_FILE = CATALOGUE_DIR / "relocmap.mo"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
COMMAND = ".venv/bin/python scripts/update_catalogue.py"


def source_messages() -> Catalog:
    """Every message of the source and of the command line's help, untranslated."""
    sys.path.insert(0, str(SOURCE.parent))
    from relocmap.cli import main  # noqa: PLC0415 (the package is installed by then)
    from relocmap.cli_base import help_texts  # noqa: PLC0415

    template = Catalog(project="relocmap", fuzzy=False)
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SOURCE), [("**.py", "python")], keywords=KEYWORDS
    ):
        template.add(message, locations=[(f"src/relocmap/{filename}", lineno)])
    for text in help_texts(main):
        template.add(text, locations=[("src/relocmap/cli.py", 0)])
    return template


def merged_catalogue() -> Catalog:
    """The French catalogue brought up to date with the source."""
    with PO_FILE.open("rb") as po:
        catalogue = read_po(po, locale="fr", domain="relocmap")
    dates = catalogue.creation_date, catalogue.revision_date
    catalogue.update(source_messages())
    catalogue.obsolete.clear()
    # Fixed dates and names: the same source and translations give the same files.
    catalogue.creation_date, catalogue.revision_date = dates
    catalogue.last_translator = catalogue.language_team = "relocmap"
    catalogue.msgid_bugs_address = ""
    return catalogue


def po_bytes(catalogue: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalogue, width=100, sort_output=True, include_lineno=False)
    return out.getvalue()


def mo_bytes(po_text: bytes) -> bytes:
    """The compile of a .po file's text (fuzzy and empty entries left out)."""
    catalogue = read_po(io.BytesIO(po_text), locale="fr", domain="relocmap")
    out = io.BytesIO()
    write_mo(out, catalogue)
    return out.getvalue()


def main() -> None:
    PO_FILE.write_bytes(po_bytes(merged_catalogue()))
    MO_FILE.write_bytes(mo_bytes(PO_FILE.read_bytes()))
    catalogue = read_po(PO_FILE.open("rb"), locale="fr")
    todo = [m for m in catalogue if m.id and (m.fuzzy or not m.string or not all(m.string))]
    print(f"{PO_FILE.relative_to(REPO)}: {len(catalogue)} messages, {len(todo)} to translate")


if __name__ == "__main__":
    main()
