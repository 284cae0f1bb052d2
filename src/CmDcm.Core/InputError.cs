namespace CmDcm;

/// <summary>
/// A problem with what the user gave (a file, a format, an option), reported as one clear message
/// and a non-zero exit instead of a stack trace.
/// </summary>
public sealed class InputError(string message) : Exception(message);
