//! What spans programs: ids and seeds against the programs, the attack matrix and its sweeps, pauses, random
//! action sequences across every program, and the compute-unit ceilings of every instruction.
mod actions;
mod compute_units;
mod ids;
mod matrix;
mod pauses;
mod sweeps;
