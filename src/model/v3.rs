//! Open Badges 3.0 typed model (being written).
