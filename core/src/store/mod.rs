//! The SQLite file: schema, migrations, append, read, blobs.
