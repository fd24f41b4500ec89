//! Time expressions: absolute and relative dates resolved against the
//! publication date, and datelines. (Being written.)
