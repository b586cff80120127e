"""Shared fixtures: the repository, the CLI binary and its output on the
example articles (the reference the Python API must equal)."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "examples" / "articles"


def evex_bin() -> str:
    """The CLI: $EVEX_BIN, else target/release/evex, else target/debug/evex."""
    if os.environ.get("EVEX_BIN"):
        return os.environ["EVEX_BIN"]
    for profile in ("release", "debug"):
        path = ROOT / "target" / profile / "evex"
        if path.exists():
            return str(path)
    pytest.skip("no evex binary: run `cargo build --release` or set EVEX_BIN")


def articles():
    """(id, text) of the example articles, in the CLI's order (ids are the
    file names, as when the CLI reads the folder)."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.iterdir())]


@pytest.fixture(scope="session")
def cli_output(tmp_path_factory):
    """`evex extract examples/articles --out DIR` (CSV)."""
    out = tmp_path_factory.mktemp("cli")
    subprocess.run(
        [evex_bin(), "extract", str(ARTICLES), "--out", str(out), "--quiet"], check=True
    )
    return out


@pytest.fixture(scope="session")
def pipeline():
    import evex

    return evex.Pipeline()


def normalised(frame, sort_by):
    """A frame with empty strings as None, sorted, with a fresh index: CSV
    cannot tell an empty cell from a missing one."""
    frame = frame.copy()
    for c in frame.columns:
        if frame[c].dtype == object:
            frame[c] = frame[c].where(frame[c] != "", None)
    return frame.sort_values(sort_by, kind="stable").reset_index(drop=True)
