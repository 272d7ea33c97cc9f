"""Working-day calendar and statutory deadlines."""
