"""The trail's move to one row per change, on the embedded database: rows written before keep their field, and the
append-only guard is in place afterwards (SQLite drops a table's triggers when it rebuilds the table)."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OLD_ROWS = [
    ("update", "status", "open", "closed"),
    ("update", "assigned_to", None, "7"),
    ("create", "", None, None),
]


def _migrate(database: Path, *target: str) -> None:
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("TRACER_", "DATABASE_"))}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0", *target],
        env={**clean, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "config.settings.local"},
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip


def test_rows_of_one_field_are_carried_over_and_the_trail_stays_append_only(tmp_path: Path) -> None:
    database = tmp_path / "tracer.sqlite3"
    _migrate(database, "core", "0005")
    with sqlite3.connect(database) as db:
        db.executemany(
            "INSERT INTO core_auditrecord (source, record_type, record_id, action, parent_type, field_name, "
            "old_value, new_value, created_at) VALUES ('web', 'incident', 1, ?, '', ?, ?, ?, '2026-01-01')",
            OLD_ROWS,
        )
    _migrate(database)
    db = sqlite3.connect(database)
    rows = db.execute("SELECT action, changes FROM core_auditrecord ORDER BY id").fetchall()
    assert rows == [
        ("update", '{"status":["open","closed"]}'),
        ("update", '{"assigned_to":[null,"7"]}'),
        ("create", "{}"),
    ]
    for statement in ("UPDATE core_auditrecord SET changes = '{}'", "DELETE FROM core_auditrecord"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute(statement)
    assert db.execute("SELECT count(*) FROM core_auditrecord").fetchone() == (3,)
