using Accrue.Data;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;

namespace Accrue.Web.Features.Tiers;

/// <summary>Evaluates each period once it has ended, at the program's cadence, unless someone already did.</summary>
sealed class TierEvaluationSchedule(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TierEvaluationSchedule> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(Actor.System);
                var programs = scope.ServiceProvider.GetRequiredService<ProgramVersions>();
                if (await programs.InForceOnAsync(programs.Today, stoppingToken) is not { } program) continue;
                var calendar = program.Definition.Calendar;
                var last = calendar.Previous(calendar.Containing(programs.Today, program.Definition.Evaluation.Cadence));
                var runs = await scope.ServiceProvider.GetRequiredService<TierEvaluations>().ListAsync(stoppingToken);
                if (runs.Any(r => r.Period == last.Name && r.Status != Data.Tiers.EvaluationRunStatus.Failed) || runs.Any(r => r.EvaluatedOn > last.End)) continue;
                await scope.ServiceProvider.GetRequiredService<TierEvaluations>().StartAsync(new StartEvaluationRequest(last.Name), stoppingToken);
                log.LogInformation("Started the scheduled tier evaluation of {Period}.", last.Name);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogError(failure, "The scheduled tier evaluation could not start; the next check retries.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
