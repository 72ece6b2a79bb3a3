using System.Diagnostics;
using Maillage.Actors;
using Maillage.Actors.Transfer;
using Maillage.Data;
using Maillage.Territories.Reference;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Bench;

/// <summary>
/// Issue 4: the directory's export at scale. Writes the whole territory (and a filtered part) in each format to a
/// stream that only counts bytes, as a response to a fast client would, and reports rows per second and memory:
/// the largest managed heap seen while exporting, the most bytes held between two drains, and the allocations.
/// </summary>
internal static class ExportBench
{
    public static async Task RunAsync(IServiceProvider services, Guid territoryId, InseeReference reference)
    {
        Console.WriteLine();
        Console.WriteLine("| export | lignes | durée | lignes/s | taille | tas géré max (avant : repos) | retenu entre deux envois | alloué |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var scenarios = new (string Label, DirectoryQuery Query)[]
        {
            ("tout l'annuaire", new DirectoryQuery()),
            ("famille = associations", new DirectoryQuery { Family = ActorFamily.Associations }),
        };
        foreach (var (label, query) in scenarios)
        {
            foreach (var format in Enum.GetValues<ExportFormat>())
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var filtered = await new ActorExport(db, reference).FilterAsync(territoryId, query);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var resting = GC.GetTotalMemory(forceFullCollection: true);
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var peak = resting;
                using var sampling = new CancellationTokenSource();
                var sampler = Task.Run(async () =>
                {
                    while (!sampling.IsCancellationRequested)
                    {
                        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                        try
                        {
                            await Task.Delay(20, sampling.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }
                    }
                });

                var watch = Stopwatch.StartNew();
                var result = await ActorExport.WriteAsync(filtered, format, Stream.Null);
                watch.Stop();
                await sampling.CancelAsync();
                await sampler;
                var allocatedDuring = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                Console.WriteLine($"| {label}, {format.Extension()} | {result.Rows:N0} | {watch.Elapsed.TotalSeconds:F1} s | " +
                                  $"{result.Rows / watch.Elapsed.TotalSeconds:N0} | {Mb(result.Bytes)} | {Mb(peak)} ({Mb(resting)}) | " +
                                  $"{Mb(result.PeakBufferedBytes)} | {Mb(allocatedDuring)} |");
            }
        }
    }

    private static string Mb(long bytes) => $"{bytes / 1024d / 1024d:N1} Mo";
}
