using Maillage.Territories.Reference;

namespace Maillage.Territories;

public static class TerritoriesSetup
{
    public static IServiceCollection AddTerritories(this IServiceCollection services)
    {
        services.AddSingleton(_ => InseeReference.LoadEmbedded());
        services.AddSingleton<PerimeterResolver>();
        services.AddScoped<TerritoryAccess>();
        services.AddScoped<CurrentTerritory>();
        return services;
    }
}
