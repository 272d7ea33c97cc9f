"""Staff workspace: yearend."""
