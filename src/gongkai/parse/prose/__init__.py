"""Reading the running text into statements and metrics: paragraphs and count tokens
(``_sentences``), the state machine that pairs totals with their parts (``_prose``), denials
and fees (``_denials``), and the 2008-generation wording and 附表 (``_old``).
"""
