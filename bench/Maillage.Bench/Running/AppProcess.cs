using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Maillage.Bench.Running;

/// <summary>Where the app's build is and how to point it at a database, for every process the bench starts.</summary>
public sealed class AppLauncher
{
    private AppLauncher(string repository, string appDll)
    {
        Repository = repository;
        AppDll = appDll;
    }

    public string Repository { get; }

    /// <summary>The app's assembly of the same configuration as the bench (Release under <c>dotnet run -c Release</c>).</summary>
    public string AppDll { get; }

    public string ContentRoot => Path.Combine(Repository, "src", "Maillage");

    public static AppLauncher Locate()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Maillage.slnx")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("Dépôt Maillage introuvable au-dessus de " + AppContext.BaseDirectory);
        }

        // bench/Maillage.Bench/bin/<Configuration>/net10.0/ → src/Maillage/bin/<Configuration>/net10.0/Maillage.dll
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var dll = Path.Combine(directory.FullName, "src", "Maillage", "bin", configuration, framework.Name, "Maillage.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} est absent : compilez l'application ({configuration}).");
        }

        return new AppLauncher(directory.FullName, dll);
    }

    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ContentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AppDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return info;
    }

    /// <summary>Runs a command of the app (<c>admin create</c>, <c>token create</c>…) and returns its output.</summary>
    public async Task<(int ExitCode, string Output, TimeSpan Elapsed)> RunCommandAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(StartInfo(settings, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error, watch.Elapsed);
    }

    public async Task<string> RunCheckedAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var (code, output, _) = await RunCommandAsync(settings, arguments);
        return code == 0 ? output : throw new InvalidOperationException($"« {string.Join(' ', arguments)} » a échoué ({code}) : {output}");
    }

    /// <summary>Starts the web server on a free port and waits for <c>/health</c> to answer 200.</summary>
    public async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var watch = Stopwatch.StartNew();
        var process = Process.Start(StartInfo(settings, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"))!;
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"L'application s'est arrêtée au démarrage ({process.ExitCode}) : {app.Output}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(app.BaseAddress, "/health"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    app.StartUp = watch.Elapsed;
                    app.RssAfterStart = app.Rss();
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first answer.
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(3))
            {
                await app.DisposeAsync();
                throw new TimeoutException("L'application n'a pas répondu sur /health en 3 minutes.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The app's web server, a real process started from its build, with its memory read from /proc.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    internal AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public int Id => _process.Id;
    public TimeSpan StartUp { get; internal set; }
    public long RssAfterStart { get; internal set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Resident memory now (VmRSS), in bytes.</summary>
    public long Rss() => Status("VmRSS:");

    /// <summary>Peak resident memory since the process started (VmHWM), in bytes.</summary>
    public long PeakRss() => Status("VmHWM:");

    private long Status(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kilobytes = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Only the end matters when something goes wrong.
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }

            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
