"""Staff workspace: letters."""
