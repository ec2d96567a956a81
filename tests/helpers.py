"""Constants and small helpers shared by several test modules (fixtures stay in conftest)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

# The header of data/relocalisations.csv, and a known-good row.
HEADER = "code,departement,projets,emplois,emplois_precision,projets_precision,note"
GOOD_ROW = "01,Ain,25,564,exact,exact,"
