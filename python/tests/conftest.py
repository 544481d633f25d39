"""Shared paths: the repository root and the `netform` binary the CLI tests run."""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def netform_binary() -> pathlib.Path:
    """The command-line `netform` (NETFORM_BIN, or target/debug/netform; build it with `cargo build`)."""
    path = pathlib.Path(os.environ.get("NETFORM_BIN", ROOT / "target" / "debug" / "netform"))
    assert path.is_file(), f"no netform binary at {path}: run `cargo build` or set NETFORM_BIN"
    return path
