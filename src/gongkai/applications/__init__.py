"""依申请公开台账: the register of applications, its action layer, admin and JSON API.

Documented choices where the law is unclear (statute-facts.md), each a setting in
``gongkai.web.settings`` (environment variable of the same name):

- ``GONGKAI_CLOCK_COUNT_RECEIPT_DAY`` (default off, D1 [U]): the receipt date is day 0.
- ``GONGKAI_CLOCK_NON_WORKING_RECEIPT`` (D1 rule 5 [U]): a receipt on a day off keeps its date.
- ``GONGKAI_FEE_NOTICE_PAUSES_CLOCK`` (default on, A8 [U]): fee notice to payment is excluded.
- ``GONGKAI_EXTENSION_BEFORE_DEADLINE`` (default on, A4 [U]): no extension after the first
  period has run out.
- ``GONGKAI_FEES_FROM`` (default 2021-01-01, A8 [S]): no fee notice before this date.

Other decisions, documented where they are made: registration needs the confirmation date for
channels whose receipt date is a confirmation (art. 31; ``actions.intake``); open pauses are
projected to their full statutory window (``deadlines._projected_end``); a reopening in a later
year registers a linked new application (``actions.handling.Reopen``); the 2008 rules have no
7-day limit on 补正 and no abandonment on a missed correction; identity numbers are optional
but validated when given (``applicant``).
"""
