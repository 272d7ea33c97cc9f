"""Staff workspace: dashboard."""
