// torch's random generator is process-wide: a test class building a model in parallel with another
// would draw from the generator between that class's manual_seed and its own initialisation, and
// same-seed results would differ by chance. Tests therefore run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
