"""Reading the standard tables into metrics: lines -> tokens (``_tokens``, ``_numbers``),
then tables 2, 3 and 4 (``_table2``..``_table4``, run-together digits split by ``_runs``),
assembled by ``_tables``; ``_labels`` maps printed labels to rows and items.
"""
