"""Staff workspace: cases."""
