"""The filing register (备案登记簿): issuers, documents, filings, reviews, decisions on
findings, correction outcomes, cleanup outcomes and issuers' lists of issued documents.

Open it with `open_register(db)`; each operation in `filings`, `completeness` and
`cleanup_outcomes` runs in one transaction.
"""

from .db import Register, RegisterError, database_url, open_register

__all__ = ["Register", "RegisterError", "database_url", "open_register"]
