"""Pydantic models of the registry's files; the JSON Schemas in `schema/` are generated from them."""
