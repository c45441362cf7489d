"""`python manage.py import_dataset DIR`: load the reference data set's JSON tables, all or nothing."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.importing import ImportRefused, dataset_import

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Import the tables of an itsm-reference style data set (one JSON file per table). Re-runs add nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Folder holding users.json, clients.json, ...")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder.")
        interactive = sys.stdout.isatty() and options.get("verbosity", 1) > 0
        quiet = options.get("verbosity", 1) == 0

        def progress(table: str, done: int, total: int) -> None:
            if quiet:
                return
            share = done / total if total else 1.0
            filled = int(BAR_WIDTH * share)
            line = f"{table:<32} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:>6}/{total:<6}"
            if interactive:
                self.stdout.write(f"\r{line}", ending="\n" if done >= total else "")
                self.stdout.flush()
            elif done >= total:
                self.stdout.write(line)

        try:
            result = dataset_import(directory=directory, progress=progress)
        except ImportRefused as refused:
            raise CommandError(f"Import refused, nothing was written. {refused}") from None
        created = sum(result.created.values())
        skipped = sum(result.skipped.values())
        if not quiet:
            for table, count in result.created.items():
                self.stdout.write(f"  {table}: {count} added, {result.skipped[table]} already present")
        self.stdout.write(self.style.SUCCESS(f"Imported {created} rows ({skipped} already present)."))
