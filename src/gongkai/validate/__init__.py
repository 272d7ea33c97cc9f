"""Validation of annual reports."""
