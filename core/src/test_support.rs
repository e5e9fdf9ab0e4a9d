//! Helpers the parsers' tests share (imports, media): the fixtures, and near-valid
//! inputs for the property tests.

/// Where the fixtures are.
pub(crate) const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/import/");

/// A fixture's bytes.
#[allow(clippy::unwrap_used)]
pub(crate) fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap()
}

/// A fixture's path.
pub(crate) fn fixture_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(FIXTURES).join(name)
}

/// Applies byte edits to a valid input (overwrite, insert, delete, truncate), so the
/// property tests explore near-valid files, where parser bugs hide.
pub(crate) fn mutate(base: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut v = base.to_vec();
    for &(pos, byte, op) in edits {
        if v.is_empty() {
            v.push(byte);
            continue;
        }
        let i = pos % v.len();
        match op % 4 {
            0 => v[i] = byte,
            1 => v.insert(i, byte),
            2 => {
                v.remove(i);
            }
            _ => v.truncate(i),
        }
    }
    v
}
