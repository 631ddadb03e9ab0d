//! What spans programs: ids and seeds against the programs, and the compute-unit ceilings of every instruction.
mod compute_units;
mod ids;
mod pauses;
