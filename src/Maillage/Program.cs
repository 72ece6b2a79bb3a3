using System.Text.Encodings.Web;
using System.Text.Json;
using Maillage;
using Maillage.Accounts;
using Maillage.Data;
using Maillage.Imports;
using Maillage.Infrastructure;
using Maillage.Territories;

var (command, options) = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(options.HostArgs);
builder.Configuration.AddCommandLine(options.HostArgs, CommandLine.SwitchMappings);

builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(json =>
{
    json.IncludeScopes = true;
    json.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
});

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddMaillageDatabase(builder.Configuration);
builder.Services.AddMaillageAccounts();
builder.Services.AddMaillageWeb();
builder.Services.AddTerritories();
builder.Services.AddScoped<Maillage.Projects.VigilanceLoading>();
builder.Services.AddImports(builder.Configuration);

var app = builder.Build();

if (command is not null)
{
    return await command.RunAsync(app.Services);
}

await DatabaseSetup.MigrateAsync(app.Services);
if (options.Demo)
{
    await DemoTerritory.EnsureAsync(app.Services);
}

app.UseMaillagePipeline();
app.MapMaillageEndpoints();
await app.RunAsync();
return 0;

public partial class Program;
