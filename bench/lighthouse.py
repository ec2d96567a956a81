"""Lighthouse accessibility and best-practices scores of the built page.

Builds the page with ``--offline --tiles none`` (Leaflet inlined: no request leaves the
machine), serves it from 127.0.0.1 with ``python -m http.server`` on a free port, and runs
the pinned Lighthouse (package.json, ``npm ci``) on Debian's Chromium, on a phone
(Lighthouse's default) and on a desktop. Prints one line per run; ``--json FILE`` keeps
the scores and every failed audit.

    .venv/bin/python bench/lighthouse.py
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("accessibility", "best-practices")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build(out: Path) -> None:
    relocmap = ROOT / ".venv" / "bin" / "relocmap"
    subprocess.run(
        [str(relocmap), "build", "--out", str(out), "--offline", "--tiles", "none"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def run_lighthouse(url: str, desktop: bool, report: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if desktop:
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env)
    result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    failed = sorted(
        audit_id
        for name in CATEGORIES
        for ref in result["categories"][name]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and result["audits"][audit_id]["score"] not in (None, 1)
    )
    return {"scores": scores, "failed": failed, "lighthouse": result["lighthouseVersion"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the results to this file")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("bench/lighthouse.py: run 'npm ci' first (Lighthouse is pinned in package.json)")
        return 2
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build(out)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
            cwd=out,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(1)
            url = f"http://127.0.0.1:{port}/carte.html"
            for name, desktop in (("phone", False), ("desktop", True)):
                results[name] = run_lighthouse(url, desktop, Path(tmp) / f"{name}.json")
                scores, failed = results[name]["scores"], results[name]["failed"]
                print(
                    f"{name}: accessibility {scores['accessibility']}, best practices "
                    f"{scores['best-practices']}; failed audits: {failed or 'none'}"
                )
        finally:
            server.terminate()
            server.wait(timeout=10)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
