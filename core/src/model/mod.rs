//! The entry types of a diary, their validation and their canonical bytes.
