//! The self-contained HTML report inside an evidence pack.
