"""The lock files pin, with hashes, every dependency pyproject.toml names (a new dependency needs `make lock`)."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _locked(path: Path) -> dict[str, list[str]]:
    text = path.read_text()
    pins = re.findall(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})+)", text, re.M)
    return {_name(name): re.findall(r"sha256:([0-9a-f]{64})", hashes) for name, _, hashes in pins}


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [
        ("runtime.txt", PROJECT["dependencies"]),
        ("dev.txt", PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"]),
    ],
)
def test_every_dependency_is_locked_with_hashes(lock: str, requirements: list[str]) -> None:
    locked = _locked(ROOT / "requirements" / lock)
    missing = sorted({_name(r) for r in requirements} - set(locked))
    assert not missing, f"not in requirements/{lock} (run `make lock`): {missing}"
    assert all(locked.values()), "every pin carries at least one hash"
    pinned_lines = [line for line in (ROOT / "requirements" / lock).read_text().splitlines() if "==" in line]
    assert len(pinned_lines) == len(locked), "every pinned line carries hashes"
