namespace Accrue.Web.Tests.Infrastructure;

/// <summary>Files of the repository that tests hold to, such as the documented examples.</summary>
static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Accrue.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Accrue.slnx above {AppContext.BaseDirectory}.");
    }
}
