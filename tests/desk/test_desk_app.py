"""The desk through Flask's test client: each page, the whole read → correct → preview →
publish path, and every refusal (CSRF, token, host, upload size and type, hostile
release, the lock, bad figures), each of which must write nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from desk_support import (
    BASE_URL,
    RELEASE,
    RELEASE_MISMATCH,
    RELEASE_UNSURE,
    SOURCE,
    client,
    csrf_of,
    desk_place,
    forms,
    problems_of,
    project_copy,
    row_index,
)
from helpers import page_departments, snapshot
from markupsafe import escape

from relocmap.base.errors import RelocmapError
from relocmap.desk import guard
from relocmap.desk.app import MAX_UPLOAD_BYTES, Serving, create_app


@pytest.fixture
def root(tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project (one publication), the current directory."""
    project_copy(tmp_path, repo_root)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def desk(root: Path):
    return client(root)


def project_files(root: Path) -> dict[str, bytes]:
    """data/ and out/: what a refused request must leave as it was."""
    return {f"{d}/{k}": v for d in ("data", "out") for k, v in snapshot(root / d).items()}


def get(desk, url: str):
    return desk.get(url, base_url=BASE_URL)


def post(desk, url: str, data: dict, **kwargs):
    return desk.post(url, data=data, base_url=BASE_URL, **kwargs)


def read(desk, release: str = RELEASE, date: str = "2023-06-14"):
    """Paste ``release`` on the first page, as an editor does."""
    csrf = csrf_of(get(desk, "/").text)
    return post(desk, "/lire", {"csrf": csrf, "texte": release, "date": date, "source": SOURCE})


def corrections(page: str) -> dict[str, str]:
    return forms(page)["corrections"]


# --- each page ----------------------------------------------------------------------


def test_the_first_page_asks_for_the_release_in_french(desk):
    page = get(desk, "/")
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text
    assert "Lire un communiqué de presse" in page.text
    assert set(forms(page.text)[""]) == {"csrf", "texte", "date", "source"}


def test_a_pasted_release_is_shown_beside_its_twelve_rows_each_traced(desk):
    page = read(desk)
    assert page.status_code == 200, problems_of(page.text)
    text = page.text
    # Every row links to the line it was read from, and that line is in the page.
    assert text.count('class="trace-link"') == 12 + 1  # the departments and the total
    assert 'href="#ligne-4" class="trace-link" data-lignes="4">ligne 4</a>' in text
    assert '<li id="ligne-4"><span class="n" aria-hidden="true">4</span> Dans l&#39;Ain' in text
    fields = corrections(text)
    assert fields["lignes"] == "14"  # 12 departments and two empty rows to fill by hand
    ain = row_index(fields, "Ain")
    assert (fields[f"projets-{ain}"], fields[f"emplois-{ain}"]) == ("30", "610")
    assert fields["total_projets_publie"] == "212"
    assert "Les chiffres sont valides" in text


def test_the_publications_pages_list_and_open_each_publication(desk):
    listing = get(desk, "/publications")
    assert listing.status_code == 200
    assert '<a href="/publications/2022">2022</a>' in listing.text
    one = get(desk, "/publications/2022")
    assert one.status_code == 200
    assert "<td>Ain</td>" in one.text and "Faits publiés" in one.text
    assert get(desk, "/publications/1999").status_code == 404
    assert "Page introuvable" in get(desk, "/publications/1999").text


def test_the_published_map_is_served_and_nothing_else(desk, root):
    assert get(desk, "/carte/carte.html").data == (root / "out" / "carte.html").read_bytes()
    assert get(desk, "/carte/publication.json").status_code == 404
    assert get(desk, "/carte/..%2Fdata%2Fpublication.json").status_code == 404
    assert get(desk, "/apercu/abc/carte.html").status_code == 404


# --- the whole path -----------------------------------------------------------------


def test_correct_preview_publish_writes_the_corrected_figures_and_the_map(desk, root):
    fields = corrections(read(desk).text)
    ain = row_index(fields, "Ain")
    fields[f"emplois-{ain}"] = "650"  # the editor corrects one figure
    checked = post(desk, "/verifier", fields)
    assert checked.status_code == 200 and problems_of(checked.text) == []
    before = project_files(root)
    preview = post(desk, "/apercu", fields)
    assert preview.status_code == 200, problems_of(preview.text)
    assert project_files(root) == before, "the preview wrote into the project"
    key = forms(preview.text)[""]  # the publish form carries the corrected draft
    assert key[f"emplois-{ain}"] == "650"
    frame = preview.text.split('<iframe title="Aperçu de la carte sur ordinateur" src="')[1]
    frame = frame.split('"')[0]
    previewed = get(desk, frame)
    assert previewed.status_code == 200
    assert "650" in page_departments(previewed.text)["01"]["tips"]["emplois"]
    published = post(desk, "/publier", key)
    assert published.status_code == 200, problems_of(published.text)
    assert "Publication faite" in published.text
    csv = (root / "data" / "relocalisations.csv").read_text("utf-8")
    assert "01,Ain,30,650,exact,exact," in csv
    facts = json.loads((root / "data" / "publication.json").read_text("utf-8"))
    assert facts["source_date"] == "2023-06-14" and facts["source"] == SOURCE
    page = (root / "out" / "carte.html").read_text("utf-8")
    assert "650" in page_departments(page)["01"]["tips"]["emplois"]
    assert page == previewed.text, "the published page is not the one previewed"
    snippet = (root / "out" / "carte-iframe.html").read_text("utf-8")
    assert str(escape(snippet)) in published.text  # to copy, as written


def test_a_release_added_to_a_publications_folder_keeps_the_earlier_ones(
    tmp_path, repo_root, monkeypatch
):
    project_copy(tmp_path, repo_root, publications=True)
    monkeypatch.chdir(tmp_path)
    desk = client(tmp_path)
    earlier = snapshot(tmp_path / "data" / "publications")
    fields = corrections(read(desk, date="2024-06-14").text)
    preview = post(desk, "/apercu", fields)
    assert preview.status_code == 200, problems_of(preview.text)
    assert "nouvelle publication" in preview.text
    assert post(desk, "/publier", forms(preview.text)[""]).status_code == 200
    added = tmp_path / "data" / "publications" / "2024-06-14"
    assert sorted(p.name for p in added.iterdir()) == ["publication.json", "relocalisations.csv"]
    now = snapshot(tmp_path / "data" / "publications")
    assert {k: v for k, v in now.items() if not k.startswith("2024-06-14")} == earlier
    # Invented figures after invented ones stay labelled so.
    assert json.loads((added / "publication.json").read_text("utf-8"))["donnees_fictives"]
    listing = get(desk, "/publications").text
    assert listing.index("2024-06-14") < listing.index("2024-01") < listing.index("2022-10")


# --- bad input: a French message, nothing written ----------------------------------


def test_a_bad_figure_gets_a_french_message_with_its_place_and_nothing_is_written(desk, root):
    fields = corrections(read(desk).text)
    ain = row_index(fields, "Ain")
    fields[f"emplois-{ain}"] = "beaucoup"
    before = project_files(root)
    for url in ("/verifier", "/apercu", "/publier"):
        page = post(desk, url, fields)
        assert page.status_code == 400, url
        [problem] = problems_of(page.text)
        assert problem.startswith(
            f"data/relocalisations.csv, ligne {ain + 2} (ligne {ain + 1} du tableau), "
            "colonne « emplois » : "
        ), problem
        assert f'href="#rangee-{ain + 1}"' in page.text
        # The release's trace stays beside the table, whose empty rows do not pile up.
        assert page.text.count('class="trace-link"') == 13
        assert forms(page.text)["corrections"]["lignes"] == "14"
    assert project_files(root) == before


def test_a_bad_date_is_refused_in_french_before_anything_is_written(desk, root):
    before = project_files(root)
    page = read(desk, date="14/06/2023")
    assert page.status_code == 400
    [problem] = problems_of(page.text)
    assert problem.startswith("data/publication.json, ligne 2 : "), problem
    assert "source_date" in problem and "2023-06-14" in problem
    assert project_files(root) == before


def test_a_total_contradicting_the_departments_needs_the_editor_decision(desk, root):
    fields = corrections(read(desk, RELEASE_MISMATCH).text)
    before = project_files(root)
    refused = post(desk, "/publier", fields)
    assert refused.status_code == 400
    assert "accepter l'écart" in refused.text
    assert project_files(root) == before
    fields["accepter_ecart"] = "1"
    preview = post(desk, "/apercu", fields)
    assert preview.status_code == 200, problems_of(preview.text)
    assert post(desk, "/publier", forms(preview.text)[""]).status_code == 200
    facts = json.loads((root / "data" / "publication.json").read_text("utf-8"))
    assert facts["total_projets_publie"] == 300
    assert any(key.startswith("ecart_accepte") for key in facts), facts


def test_refused_lines_are_listed_and_filled_by_hand(desk, root):
    page = read(desk, RELEASE_UNSURE)
    assert "Lignes refusées" in page.text
    assert 'href="#ligne-8" class="trace-link" data-lignes="8">ligne 8</a>' in page.text
    fields = corrections(page.text)
    before = project_files(root)
    refused = post(desk, "/apercu", fields)
    assert refused.status_code == 400
    assert any("J'ai traité les lignes refusées" in p for p in problems_of(refused.text))
    assert project_files(root) == before
    blank = int(fields["lignes"]) - 2  # the first empty row
    fields |= {
        f"code-{blank}": "26",
        f"departement-{blank}": "Drôme",
        f"projets-{blank}": "21",
        f"emplois-{blank}": "480",
        f"emplois_precision-{blank}": "exact",
        f"projets_precision-{blank}": "exact",
        "lignes_vues": "1",
    }
    preview = post(desk, "/apercu", fields)
    assert preview.status_code == 200, problems_of(preview.text)
    assert post(desk, "/publier", forms(preview.text)[""]).status_code == 200
    assert "26,Drôme,21,480,exact,exact," in (root / "data" / "relocalisations.csv").read_text()


# --- refusals -----------------------------------------------------------------------


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(desk, root):
    fields = corrections(read(desk).text)
    before = project_files(root)
    kept = sorted((root / "travail").rglob("*"))
    for data in ({**fields, "csrf": ""}, {k: v for k, v in fields.items() if k != "csrf"}):
        page = post(desk, "/publier", data)
        assert page.status_code == 403
        assert "Demande refusée" in page.text and "jeton de formulaire" in page.text
    page = post(desk, "/lire", {"texte": RELEASE, "date": "2023-06-14", "source": SOURCE})
    assert page.status_code == 403
    assert project_files(root) == before
    assert sorted((root / "travail").rglob("*")) == kept


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}],
    ids=["origin", "fetch-site", "null-origin"],
)
def test_a_cross_site_post_is_refused_even_with_the_token(desk, root, headers):
    fields = corrections(read(desk).text)
    before = project_files(root)
    page = post(desk, "/publier", fields, headers=headers)
    assert page.status_code == 403 and "Demande refusée" in page.text
    assert project_files(root) == before


def test_a_request_for_another_host_name_is_refused(desk):
    assert get(desk, "/").status_code == 200
    page = desk.get("/", base_url="http://rebound.example:8765")
    assert page.status_code == 403
    assert "ne répond qu&#39;à l&#39;adresse où il a été lancé" in page.text


def test_another_address_than_this_computer_needs_a_token(root):
    with pytest.raises(RelocmapError, match="only with a token"):
        create_app(desk_place(root), Serving(host="0.0.0.0"))
    desk = create_app(desk_place(root), Serving("0.0.0.0", 8765, "s3cret")).test_client()
    url = "http://0.0.0.0:8765"
    page = desk.get("/", base_url=url)
    assert page.status_code == 401 and "Entrer dans le bureau" in page.text
    assert desk.get("/carte/carte.html", base_url=url).status_code == 401
    csrf = csrf_of(page.text)
    wrong = desk.post("/connexion", data={"csrf": csrf, "jeton": "guess"}, base_url=url)
    assert wrong.status_code == 401 and "Jeton incorrect" in wrong.text
    right = desk.post("/connexion", data={"csrf": csrf, "jeton": "s3cret"}, base_url=url)
    assert right.status_code == 303
    assert "s3cret" not in right.headers["Set-Cookie"]
    assert desk.get("/", base_url=url).status_code == 200
    # Colleagues reach it by the name or address the network gives it (the login page,
    # not a refusal: the cookie of one name is not sent to another).
    other = desk.get("/", base_url="http://192.0.2.10:8765")
    assert other.status_code == 401 and "Entrer dans le bureau" in other.text


def test_an_upload_over_the_limit_is_refused_in_french(desk, root):
    csrf = csrf_of(get(desk, "/").text)
    big = b"Dans l'Ain, 30 projets pour 610 emplois.\n" * (MAX_UPLOAD_BYTES // 40 + 10)

    page = post(
        desk,
        "/lire",
        {
            "csrf": csrf,
            "date": "2023-06-14",
            "source": SOURCE,
            "fichier": (io.BytesIO(big), "c.txt"),
        },
        content_type="multipart/form-data",
    )
    assert page.status_code == 413
    assert "Fichier trop volumineux" in page.text and "2 Mio" in page.text
    assert not (root / "travail").exists()


def upload(desk, name: str, content: bytes):

    csrf = csrf_of(get(desk, "/").text)
    return post(
        desk,
        "/lire",
        {
            "csrf": csrf,
            "date": "2023-06-14",
            "source": SOURCE,
            "fichier": (io.BytesIO(content), name),
        },
        content_type="multipart/form-data",
    )


def test_an_upload_of_another_type_is_refused_in_french(desk, root):
    page = upload(desk, "communique.pdf", b"%PDF-1.4 FICTIF")
    assert page.status_code == 400
    assert problems_of(page.text) == [
        "Type de fichier refusé : « communique.pdf ». Déposez le communiqué en texte (.txt) "
        "ou en page web (.html, .htm). Rien n'a été écrit."
    ]
    assert not (root / "travail").exists()


def test_an_uploaded_html_release_is_read_as_the_cli_reads_it(desk):
    html = (
        "<html><body>"
        + "".join(f"<p>{line}</p>\n" for line in RELEASE.splitlines())
        + "</body></html>"
    )
    page = upload(desk, "communique.html", html.encode())
    assert page.status_code == 200, problems_of(page.text)
    assert page.text.count('class="trace-link"') == 13


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("c.txt", b"\x00\x01binary FICTIF", "le communiqué, ligne 1 : "),
        ("c.txt", "Dans l'Ain, 30 projets".encode("utf-16-le"), "le communiqué"),
        (
            "c.html",
            b"<script>alert('FICTIF')</script><p>Rien d'autre.</p>",
            "le communiqué",
        ),
    ],
    ids=["binary", "utf16-without-mark", "html-with-script"],
)
def test_a_hostile_release_is_refused_in_french_and_nothing_is_written(
    desk, root, name, content, expected
):
    before = project_files(root)
    page = upload(desk, name, content)
    assert page.status_code == 400
    problems = problems_of(page.text)
    assert problems and problems[0].startswith(expected), problems
    assert "<script>alert" not in page.text
    assert project_files(root) == before


def test_two_publications_at_once_cannot_interleave(desk, root):
    fields = forms(post(desk, "/apercu", corrections(read(desk).text)).text)[""]
    before = project_files(root)
    with guard.publish_lock(root / "travail"):  # another editor is publishing
        page = post(desk, "/publier", fields)
    assert page.status_code == 409
    assert "Une autre publication est en cours" in page.text
    assert project_files(root) == before
    assert post(desk, "/publier", fields).status_code == 200  # the lock was let go


def test_the_check_as_you_type_gets_only_the_verdict_from_the_same_rules(desk):
    fields = corrections(read(desk).text)
    fields[f"projets-{row_index(fields, 'Ain')}"] = "-5"
    page = post(desk, "/verifier", fields, headers={"X-Desk-Fragment": "1"})
    assert page.status_code == 400
    assert "<html" not in page.text and 'id="problemes"' in page.text
    [problem] = problems_of(page.text)
    assert "colonne « projets » : nombre entier ≥ 0 attendu" in problem


def test_the_desk_pages_load_nothing_from_elsewhere_and_stay_out_of_other_frames(desk):
    page = get(desk, "/")
    assert page.headers["Content-Security-Policy"] == (
        "default-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'"
    )
    assert page.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert page.headers["Referrer-Policy"] == "same-origin"  # never "Origin: null"
    # The map keeps its own requests (Leaflet, tiles), as published.
    assert "Content-Security-Policy" not in get(desk, "/carte/carte.html").headers
