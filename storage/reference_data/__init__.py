"""Bundled supplier-risk reference tables (ITUC Global Rights Index, DFØ high-risk list).

Package data only; `storage.risk.load_reference_data` reads it. Provenance is in SOURCES.md.
"""
