namespace Accrue.Engine.Program;

/// <summary>The program definition as a YAML file: human-friendly, diffable, documented in docs/program-file.md.</summary>
public static class ProgramFile
{
    /// <summary>Reads and validates a file; problems name the line and the field.</summary>
    public static ProgramCheck Read(string yaml) => throw new NotImplementedException();

    /// <summary>Writes the definition in the file's canonical form: Read(Write(d)) equals d.</summary>
    public static string Write(ProgramDefinition definition) => throw new NotImplementedException();
}

/// <summary>The rules a definition must keep, whether it came from a file or from the forms.</summary>
public static class ProgramValidation
{
    public static IReadOnlyList<ProgramProblem> Check(ProgramDefinition definition) => throw new NotImplementedException();
}
