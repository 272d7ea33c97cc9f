"""The staff workspace (/staff/): the disclosure office's pages, thin forms over the actions.

Each feature is a subpackage with its own views and urls (dashboard, search, cases, letters,
yearend, office); ``common`` holds what every page shares (who may enter, scoping, deadline
wording, the page context).
"""
