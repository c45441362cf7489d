"""Import of the reference data set's JSON tables; each app registers the tables it owns."""

from core.importing.registry import TableSpec, register, registered_tables
from core.importing.runner import ImportRefused, ImportResult, dataset_import

__all__ = ["ImportRefused", "ImportResult", "TableSpec", "dataset_import", "register", "registered_tables"]
