using Accrue.Web.Cli;
using Accrue.Web.Features.Demo;
using Accrue.Web.Hosting;

if (AccrueCli.IsCommand(args)) return await AccrueCli.RunAsync(args);

var app = AccrueHost.Build(args);
await app.PrepareDatabaseAsync();
app.MapAccrue();
await app.RunAsync();
return 0;

/// <summary>The entry point, named so that tests can host it.</summary>
public partial class Program;
