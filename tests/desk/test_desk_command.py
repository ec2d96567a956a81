"""``relocmap desk`` as typed: its help, the token it needs off this computer, and what it
starts (the server is replaced by one that stops at once: no port is opened here)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from relocmap.cli import main
from relocmap.desk import command


class _Server:
    """Stands in for Werkzeug's server: records how it was made, stops when served."""

    made: list[tuple[str, int]] = []

    def __init__(self, host: str, port: int, app, threaded: bool):
        _Server.made.append((host, port))
        self.server_port = port
        self.app = app

    def serve_forever(self) -> None:
        raise KeyboardInterrupt


@pytest.fixture
def fake_server(monkeypatch):
    _Server.made = []
    opened: list[str] = []
    monkeypatch.setattr(command, "make_server", _Server)
    monkeypatch.setattr(command.webbrowser, "open", opened.append)
    return opened


def test_the_desk_is_a_command_with_help_in_the_main_help():
    assert "desk" in CliRunner().invoke(main, ["--help"]).output
    result = CliRunner().invoke(main, ["desk", "--help"])
    assert result.exit_code == 0
    assert ".venv/bin/relocmap desk" in result.output and "--token" in result.output
    french = CliRunner().invoke(main, ["desk", "--help"], env={"LANG": "fr_FR.UTF-8"})
    assert "Ouvrir le bureau" in french.output and "Utilisation :" in french.output


def test_the_desk_listens_on_this_computer_and_opens_the_browser(fake_server):
    result = CliRunner().invoke(main, ["desk"], env={"RELOCMAP_DESK_TOKEN": None})
    assert result.exit_code == 0, result.output
    assert _Server.made == [("127.0.0.1", 8765)]
    assert fake_server == ["http://127.0.0.1:8765/"]
    assert result.output.splitlines() == [
        "Desk open: http://127.0.0.1:8765/ (Ctrl-C stops it)",
        "Desk closed.",
    ]
    french = CliRunner().invoke(
        main, ["desk", "--no-browser"], env={"RELOCMAP_DESK_TOKEN": None, "LANG": "fr_FR.UTF-8"}
    )
    assert french.output.splitlines() == [
        "Bureau ouvert : http://127.0.0.1:8765/ (Ctrl-C pour l’arrêter)",
        "Bureau fermé.",
    ]


def test_another_address_without_a_token_is_refused_before_listening(fake_server):
    result = CliRunner().invoke(
        main, ["desk", "--host", "0.0.0.0", "--no-browser"], env={"RELOCMAP_DESK_TOKEN": None}
    )
    assert result.exit_code == 2
    assert "only with a token" in result.output and "--token" in result.output
    assert _Server.made == [] and fake_server == []


def test_another_address_with_a_token_from_the_environment(fake_server):
    result = CliRunner().invoke(
        main,
        ["desk", "--host", "0.0.0.0", "--port", "9000", "--no-browser"],
        env={"RELOCMAP_DESK_TOKEN": "FICTIF-jeton"},
    )
    assert result.exit_code == 0, result.output
    assert _Server.made == [("0.0.0.0", 9000)] and fake_server == []
