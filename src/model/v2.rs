//! Open Badges 2.0 typed model (being written).
