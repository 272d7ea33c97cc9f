"""The audit log of changes that are not steps of an application (settings, table 2,
calendar overrides, unmasked exports, reveals of personal data, imports).

Steps of an application are audited as ``ApplicationEvent`` rows; everything else that an
administrator or a system job changes is one ``AuditEntry`` written by ``record_audit``.
"""
