// SCTBench's published outcome per program (Thomson, Donaldson, Betts, "Concurrency Testing Using
// Controlled Schedulers: An Empirical Study", TOPC 2016; PPoPP 2014), by bench/hunt/ program name.
// Only figures found in stored material go here; the table says "paper not at hand" for the others. None
// were found: the stored copies of both papers give their abstracts, not their result tables, and
// the SCTBench repository keeps the scripts that make the tables, not the tables.
export const SCTBENCH_PUBLISHED = {};
