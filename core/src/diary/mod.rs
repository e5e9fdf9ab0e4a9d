//! The public API of a diary: create, unlock, record, amend, erase, attach, query, check.
