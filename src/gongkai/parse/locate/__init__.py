"""Finding reports and tables in a Document: where each report begins and ends (``_split``),
its agency and year (``_meta``), and where its tables 2, 3 and 4 lie (``_regions``).
"""
