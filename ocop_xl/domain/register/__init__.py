"""The OCOP product register (Sổ theo dõi OCOP): certified products across the years, the
validity of their certificates, re-evaluation, and what the office must act on.

Pure rules, no files: ``validity`` (dates), ``entries`` (a row and its status on a day),
``merge`` (imports of earlier years), ``reevaluation`` (the council's flow and this year's
recognitions), ``history`` (events, never rewritten), ``documents`` (the printable list and
the summary). The action is ``ocop_xl.actions.product_register``.
"""
