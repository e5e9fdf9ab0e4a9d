//! `tally`: the command-line front end of the Tally evidence diary.
fn main() {}
