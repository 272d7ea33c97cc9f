"""Staff workspace: office."""
