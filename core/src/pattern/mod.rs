//! Course-of-conduct analysis: counts, escalation, order breaches, risk indicators.
