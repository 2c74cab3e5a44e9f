"""Converters from other occupation datasets into otgraph roles files."""
