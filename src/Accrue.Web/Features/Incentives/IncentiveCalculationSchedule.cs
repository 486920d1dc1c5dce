using Accrue.Data;
using Accrue.Data.Incentives;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;

namespace Accrue.Web.Features.Incentives;

/// <summary>Calculates each period once it has ended, for every cadence the rules in force use, unless a run of it exists.</summary>
/// <remarks>Later recalculations (after corrections, payments, reversals) are started by people; this only makes sure none is forgotten.</remarks>
sealed class IncentiveCalculationSchedule(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IncentiveCalculationSchedule> log) : BackgroundService
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
                var runs = scope.ServiceProvider.GetRequiredService<IncentiveRuns>();
                var done = (await runs.ListAsync(stoppingToken)).Where(r => r.Status != CalculationRunStatus.Failed).Select(r => r.Period).ToHashSet();
                foreach (var unit in program.Definition.Incentives.Select(r => r.Period).Distinct())
                {
                    var calendar = program.Definition.Calendar;
                    var last = calendar.Previous(calendar.Containing(programs.Today, unit));
                    if (done.Contains(last.Name)) continue;
                    await runs.StartAsync(new StartCalculationRequest(last.Name), stoppingToken);
                    log.LogInformation("Started the scheduled incentive calculation of {Period}.", last.Name);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogError(failure, "The scheduled incentive calculation could not start; the next check retries.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
