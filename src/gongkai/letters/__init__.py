"""Letters (告知书): templates per kind and outcome, numbering, drafting, issuing, DOCX and PDF."""
