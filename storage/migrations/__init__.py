"""Alembic migrations for the storage schema; run them with `storage.schema.upgrade`."""
