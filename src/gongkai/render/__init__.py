"""Rendering of annual reports."""
