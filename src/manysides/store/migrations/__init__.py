"""Alembic environment of the store (run programmatically by ``manysides.store``)."""
