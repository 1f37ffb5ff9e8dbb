"""The interchange format: a complete, versioned JSON export of a vault, and its import.

``export_document``/``dumps`` write the current format version; ``read_bytes`` reads any
supported version strictly; ``import_document`` adds a validated document to a vault in
one transaction, never overwriting anything. The format is documented in
``docs/file-formats.md``; its JSON Schema is ``resources/schema/``.
"""

from db.interchange.errors import ImportClash, InterchangeError
from db.interchange.importer import ImportReport, import_document
from db.interchange.reader import read_bytes
from db.interchange.v1.reader import Document
from db.interchange.v1.writer import dumps, export_document

__all__ = ["Document", "ImportClash", "ImportReport", "InterchangeError", "dumps",
           "export_document", "import_document", "read_bytes"]
