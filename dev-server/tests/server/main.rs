//! The dev server on the wire: one test per behaviour, in both Phoenix modes where they differ.
//! Servers run in-process on free ports, except in `binary`, which runs the real executable.

mod aida;
mod binary;
mod dev_controls;
mod images;
mod phoenix;
mod support;
