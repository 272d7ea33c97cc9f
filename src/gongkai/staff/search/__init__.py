"""Staff workspace: search."""
