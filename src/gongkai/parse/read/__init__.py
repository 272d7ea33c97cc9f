"""Reading documents: a file's bytes -> Document (numbered lines of cells), whatever the format.

``_decode`` sniffs the container and the text encoding and dispatches to the reader of the
format (``_text``, ``_html``, ``_docx``, ``_pdf`` with ``_pdf_grid``); ``_pdf_limits`` bounds
what one PDF may cost; ``_chinese`` converts traditional characters to simplified.
"""
