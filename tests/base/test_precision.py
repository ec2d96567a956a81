import json

from relocmap.base.precision import SPELLINGS, Precision
from relocmap.inputs.figures import default_schema


def test_schema_enum_is_the_vocabulary():
    fields = {f["name"]: f for f in default_schema()["fields"]}
    for column in ("projets_precision", "emplois_precision"):
        assert fields[column]["constraints"]["enum"] == [p.value for p in Precision]


def test_committed_schema_is_the_package_schema(repo_root):
    committed = json.loads((repo_root / "data" / "schema.json").read_text(encoding="utf-8"))
    assert committed == default_schema()


def test_words_before_the_number():
    assert Precision("pres_de").words == "près de "
    assert Precision.EXACT.words == ""
    assert not Precision.EXACT.approximate and Precision.PLUS_DE.approximate


def test_every_spelling_reads_a_known_precision():
    assert set(SPELLINGS.values()) == set(Precision)
