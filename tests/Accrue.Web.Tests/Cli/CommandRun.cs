namespace Accrue.Web.Tests.Cli;

/// <summary>What the file commands' tests share: running a command into strings, and a documented example with one line changed.</summary>
static class CommandRun
{
    public static async Task<(int Exit, string Output, string Errors)> Of(Func<string[], TextWriter, TextWriter, Task<int>> command, string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await command(args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>A copy of an example file with one line replaced, in the test's own folder.</summary>
    public static string ExampleWith(string exampleFolder, DirectoryInfo work, string file, string line, string replacement)
    {
        var text = File.ReadAllText(Path.Combine(exampleFolder, file));
        Assert.Contains(line, text);
        var path = Path.Combine(work.FullName, file);
        File.WriteAllText(path, text.Replace(line, replacement));
        return path;
    }
}
