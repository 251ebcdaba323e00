"""Taxonomy editions as validated data (see taxonomies/README.md for the format)."""

from greenkit.taxonomy.crosswalk import load_crosswalk
from greenkit.taxonomy.load import list_taxonomies, load_taxonomy, shipped_ids, validate_folder
from greenkit.taxonomy.model import STATUSES, Taxonomy

__all__ = ["STATUSES", "Taxonomy", "list_taxonomies", "load_crosswalk", "load_taxonomy",
           "shipped_ids", "validate_folder"]
